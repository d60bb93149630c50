import { randomBytes } from 'node:crypto';

const ID_BYTES = 12;
// One CSPRNG call per 256 ids instead of one per id (several ids are made per message), as
// crypto.randomUUID does internally.
let pool = Buffer.alloc(0);
let offset = 0;

/** URL-safe random id with a readable prefix (`c_…` conversation, `v_…` visitor). 96 bits of entropy. */
export function newId(prefix: string): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 256);
    offset = 0;
  }
  const start = offset;
  offset += ID_BYTES;
  // Read in place: a subarray per id would allocate a Buffer view only to encode it.
  return `${prefix}_${pool.toString('base64url', start, offset)}`;
}

/** A secret for signing or a password: 128+ bits, URL-safe. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
