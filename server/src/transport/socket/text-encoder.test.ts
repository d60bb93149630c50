import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { textParser } from './text-encoder.js';

describe('text encoder', () => {
  it("encodes JSON events and acks exactly as Socket.IO's own encoder does", () => {
    const packets = [
      { type: PacketType.EVENT, nsp: '/agent', data: ['message:new', { id: 'm1', text: 'héllo "quoted" <b>', author: { kind: 'visitor' } }, { id: 'c1', labels: ['vip'], lastMessage: null }] },
      { type: PacketType.ACK, nsp: '/visitor', id: 42, data: [{ ok: true, data: { order: 3, createdAt: 1_700_000_000_000 } }] },
      { type: PacketType.EVENT, nsp: '/', data: ['sync:needed', { withinMs: 0 }] },
      { type: PacketType.CONNECT, nsp: '/visitor', data: { sid: 'abc' } },
      { type: PacketType.DISCONNECT, nsp: '/agent' },
    ];
    const ours = new textParser.Encoder();
    const theirs = new Encoder();
    for (const packet of packets) expect(ours.encode(packet)).toEqual(theirs.encode(packet));
  });
});
