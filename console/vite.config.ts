import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Served by the server at /console/ (SPA fallback to index.html), so every asset URL starts there.
export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
