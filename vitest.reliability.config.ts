// The reliability and security suite (tests/reliability): quick in `npm test`, long with
// `npm run test:reliability` (KNIPSEL_RELIABILITY=full). Browser parts need `npm run build`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.rel.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
