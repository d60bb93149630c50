// Builds the widget app as ONE self-contained ES module (dist/app.js) that the loader imports.
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * engine.io-client registers a WebTransport transport that Hilo never uses (the server does not offer
 * it, so the client never upgrades to it); a stub in its place saves about 0.7 KB gzip of the budget.
 */
const noWebTransport: Plugin = {
  name: 'hilo-no-webtransport',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer?.includes('engine.io-client') && source.endsWith('/webtransport.js')) return '\0hilo-no-webtransport';
    return null;
  },
  load(id) {
    return id === '\0hilo-no-webtransport' ? 'export class WT {}' : null;
  },
};

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), noWebTransport],
  // Library mode keeps `process.env.NODE_ENV` as is; the app runs straight in browsers.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    copyPublicDir: false,
    sourcemap: false,
    lib: { entry: 'src/app/index.ts', formats: ['es'], fileName: () => 'app.js' },
    rolldownOptions: {
      // Lets app.js also export what the extras chunk shares with it (preact, hooks), instead of both
      // importing a third chunk: the loader's first import stays one file.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // The file goes straight to browsers: minify fully (lib mode keeps whitespace for es by default).
        // app.js is the one file the loader imports; rarely used UI (components/extras.ts) is split off
        // into a chunk that app.js imports on first need. Modules both use stay in app.js.
        minify: true,
        comments: false,
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
