/**
 * Seeded generators of hostile payloads for the fuzz test: random junk, and "almost valid" payloads
 * made by breaking one field of a valid template. The same seed gives the same sequence, so a failure
 * is reproduced with `FUZZ_SEED=<seed>`.
 */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to spread test inputs. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** Field names the protocol uses, so junk objects hit real code paths instead of being stripped. */
export const FIELD_NAMES = [
  'clientId', 'text', 'afterOrder', 'conversationId', 'contactId', 'survivorId', 'mergedId', 'status', 'limit', 'email', 'name',
  'phone', 'userHash', 'url', 'title', 'attributes', 'number', 'outcome', 'direction', 'startedAt', 'durationSeconds', 'notes',
  'agentId', 'labels', 'until', 'rules', 'capacity', 'password', 'from', 'to', 'subject', 'html', 'headers', 'siteKey', 'token',
  '__proto__', 'constructor', 'prototype', 'toString',
] as const;

const NASTY_STRINGS = [
  '', ' ', '\u0000', '\uffff', '\ud800', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", '../../etc/passwd',
  '{{7*7}}', '${process.exit()}', '%s%s%n', 'hilo:conv:{x}:msgs', '*', '\r\nSET a b\r\n', '🙂'.repeat(100), 'NaN', '-1', '1e309',
  'c_not_yours', 'v_forged', 's_rival', 'null', 'undefined', '[]', '{}', 'true',
];
const NASTY_NUMBERS = [0, -1, -0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21, NaN, Infinity, -Infinity];

export function junkString(rng: Rng): string {
  const roll = rng();
  if (roll < 0.5) return pick(rng, NASTY_STRINGS);
  if (roll < 0.7) return 'x'.repeat(Math.floor(rng() * 12_000));
  const length = Math.floor(rng() * 64);
  let s = '';
  for (let i = 0; i < length; i += 1) s += String.fromCharCode(Math.floor(rng() * 0xffff));
  return s;
}

/** Any JSON-ish value (plus binary), nested up to `depth`. */
export function junk(rng: Rng, depth = 3): unknown {
  const roll = rng();
  if (roll < 0.08) return null;
  if (roll < 0.12) return undefined;
  if (roll < 0.18) return rng() < 0.5;
  if (roll < 0.32) return pick(rng, NASTY_NUMBERS);
  if (roll < 0.55) return junkString(rng);
  if (roll < 0.6) return new Uint8Array(Math.floor(rng() * 64)).map(() => Math.floor(rng() * 256));
  if (depth <= 0) return pick(rng, NASTY_STRINGS);
  if (roll < 0.72) return Array.from({ length: Math.floor(rng() * 5) }, () => junk(rng, depth - 1));
  if (roll < 0.75) return deepNest(Math.floor(rng() * 400));
  const out: Record<string, unknown> = {};
  const n = Math.floor(rng() * 5);
  for (let i = 0; i < n; i += 1) setOwn(out, rng() < 0.8 ? pick(rng, FIELD_NAMES) : junkString(rng).slice(0, 40), junk(rng, depth - 1));
  return out;
}

/** An own property even for `__proto__`, as JSON.parse makes on the server (plain `=` would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function deepNest(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { text: value };
  return value;
}

/** A valid template with one thing broken: a field replaced, dropped, or everything wrapped. */
export function mutate(rng: Rng, template: Record<string, unknown>): unknown {
  const keys = Object.keys(template);
  const roll = rng();
  if (roll < 0.1) return junk(rng);
  if (roll < 0.15) return [template];
  const copy: Record<string, unknown> = { ...template };
  const key = pick(rng, keys);
  if (roll < 0.3) Reflect.deleteProperty(copy, key);
  else setOwn(copy, key, junk(rng));
  if (rng() < 0.2) setOwn(copy, pick(rng, FIELD_NAMES), junk(rng));
  return copy;
}
