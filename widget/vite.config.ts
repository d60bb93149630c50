// Builds the widget app as ONE self-contained ES module (dist/app.js) that the loader imports.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
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
      output: {
        // The file goes straight to browsers: minify fully (lib mode keeps whitespace for es by default)
        // and keep it one file so the loader makes a single request.
        minify: true,
        comments: false,
        codeSplitting: false,
      },
    },
  },
});
