import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time: two cores are shared with the server and redis-server.
    fileParallelism: false,
  },
});
