// Text-quote anchoring lives in core (the web app's reader anchors the same quotes).
export { anchorAll, describeRange, findQuote, indexText, rangeFor, type TextIndex } from '@knipsel/core/capture';
