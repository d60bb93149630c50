// Builds the host-page loader as one tiny classic script (dist/loader.js). Runs after vite.config.ts,
// so it must not empty dist/. Not library mode: the entry exports nothing, so the IIFE needs no global
// name and touches no global but the `window.Hilo` it sets itself.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2019',
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'src/loader/index.ts',
      output: { format: 'iife', entryFileNames: 'loader.js', minify: true, comments: false },
    },
  },
});
