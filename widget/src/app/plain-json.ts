import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/**
 * Runs `encode` as if the page had left JSON alone. Old libraries still on many shops (Prototype.js
 * 1.6, Magento 1) give Array.prototype a toJSON that turns every array into a string, which garbles
 * each packet the widget sends and each value it stores. Their toJSON is put back before anything else
 * can run.
 */
export function withPlainJson<T>(encode: () => T): T {
  const proto = Array.prototype as { toJSON?: unknown };
  const own = Object.getOwnPropertyDescriptor(proto, 'toJSON');
  if (!own?.configurable) return encode();
  delete proto.toJSON;
  try {
    return encode();
  } finally {
    Object.defineProperty(proto, 'toJSON', own);
  }
}

export const plainJson = (value: unknown): string => withPlainJson(() => JSON.stringify(value));

/** socket.io's parser, encoding with plain JSON (for io()'s `parser` option). */
export const plainParser = {
  Encoder: class extends Encoder {
    override encode(packet: Packet) {
      return withPlainJson(() => super.encode(packet));
    }
  },
  Decoder,
};
