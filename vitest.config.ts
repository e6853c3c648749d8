import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/cache-dir.ts'],
    testTimeout: 30_000,
  },
});
