// Background (MV3 service worker / Firefox event page): wiring only, see lib/background.
import { defineBackground } from '#imports';
import { startBackground } from '../lib/background/start-background';

export default defineBackground(() => {
  startBackground();
});
