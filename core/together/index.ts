// Entry point `@knipsel/core/together`: comments, handed-in versions and feedback.
export type * from './together-types.js';
export type { CommentInput, FeedbackInput, TogetherOps } from './together-ops.js';
export { handInPortfolio, type HandInInput } from './hand-in.js';
export { checkFeedbackTarget } from './together-ops.js';
export { feedbackMessage, feedbackMessageType, feedbackUpdate, parseFeedbackMessage, type FeedbackMessage } from './feedback-update.js';
export { newSince } from './seen.js';
export { messageTextSchema } from './together-schema.js';
