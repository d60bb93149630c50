// Builds the widget app as ONE self-contained ES module (dist/app.js) that the loader imports.
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Parts of socket.io-client Hilo never uses, replaced by stubs to keep the budget:
 * - engine.io-client's WebTransport transport: the server does not offer it, so the client never
 *   upgrades to it (about 0.7 KB gzip);
 * - socket.io-parser's binary attachments: the widget sends and receives JSON only (files go over
 *   HTTP), so no packet ever carries a Blob or ArrayBuffer to take apart or put back together. With
 *   them go the walk that looks for binary in every packet sent (it always found none), and
 *   engine.io-parser's base64 decoder for binary frames over long-polling (about 0.4 KB gzip).
 */
const REFUSE = 'const no = () => { throw new Error("binary packets are not supported"); };';
const STUBS: Array<{ package: string; file: string; code: string }> = [
  { package: 'engine.io-client', file: '/webtransport.js', code: 'export class WT {}' },
  {
    package: 'socket.io-parser',
    file: '/binary.js',
    code: `${REFUSE} export { no as deconstructPacket, no as reconstructPacket };`,
  },
  { package: 'socket.io-parser', file: '/is-binary.js', code: 'const no = () => false; export { no as isBinary, no as hasBinary };' },
  {
    package: 'engine.io-parser',
    file: '/contrib/base64-arraybuffer.js',
    code: `${REFUSE} export { no as encode, no as decode };`,
  },
];
const unusedParts: Plugin = {
  name: 'hilo-unused-socket-io-parts',
  enforce: 'pre',
  resolveId(source, importer) {
    const stub = STUBS.findIndex((s) => importer?.includes(s.package) && source.endsWith(s.file));
    return stub === -1 ? null : `\0hilo-stub-${stub}`;
  },
  load(id) {
    return id.startsWith('\0hilo-stub-') ? (STUBS[Number(id.slice('\0hilo-stub-'.length))]?.code ?? null) : null;
  },
};

/**
 * The bundler builds module namespace objects (socket.io-client passes socket.io-parser's around) with a
 * `for…in` over the export map, which also walks anything a host page added to Object.prototype and
 * then throws ("Getter must be a function"): the chat would never load on such a page. Own keys only.
 */
const HELPER_FOR_IN = /for \(var (\w+) in (\w+)\)(\s*\{?\s*__defProp\(target, \1,)/;
const ownKeysInNamespaces: Plugin = {
  name: 'hilo-namespace-own-keys',
  renderChunk(code) {
    if (!/__defProp\(target, \w+, \{\s*get:/.test(code)) return null;
    if (!HELPER_FOR_IN.test(code)) throw new Error("hilo-namespace-own-keys: the bundler's namespace helper changed; check it for for…in");
    return code.replace(HELPER_FOR_IN, (_all, key: string, map: string, rest: string) => `for (var ${key} of Object.keys(${map}))${rest}`);
  },
};

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), unusedParts, ownKeysInNamespaces],
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
