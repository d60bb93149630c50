// Prints the raw and gzip sizes of the two bundles and fails the build when a budget is exceeded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgets = [
  { file: 'loader.js', maxGzip: 1536 },
  { file: 'app.js', maxGzip: 28672 },
];

let failed = false;
for (const { file, maxGzip } of budgets) {
  let code;
  try {
    code = readFileSync(join(dist, file));
  } catch {
    console.error(`${file}: missing from dist/ (build it first)`);
    failed = true;
    continue;
  }
  const gzip = gzipSync(code, { level: 9 }).length;
  const ok = gzip <= maxGzip;
  if (!ok) failed = true;
  console.log(`${file.padEnd(10)} min ${String(code.length).padStart(7)} B   gzip ${String(gzip).padStart(6)} B / ${maxGzip} B  ${ok ? 'ok' : 'OVER BUDGET'}`);
}
process.exit(failed ? 1 : 0);
