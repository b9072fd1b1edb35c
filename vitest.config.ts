// Unit tests: beside their modules as `name.test.ts` (core, server, extension and pwa logic).
// End-to-end tests in a real browser live in tests/ and run with vitest.e2e.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'extension/**/*.test.ts', 'pwa/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
