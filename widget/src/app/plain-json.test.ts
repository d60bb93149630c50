import { afterEach, describe, expect, it } from 'vitest';
import { plainJson, plainParser } from './plain-json';

const proto = Array.prototype as { toJSON?: () => string };

afterEach(() => {
  delete proto.toJSON;
});

describe('plain JSON on a page that changed Array.prototype.toJSON (Prototype.js 1.6)', () => {
  it('encodes arrays as arrays, and gives the page its toJSON back', () => {
    const pagesOwn = function (this: unknown[]) {
      return 'garbled';
    };
    Object.defineProperty(proto, 'toJSON', { value: pagesOwn, writable: true, configurable: true, enumerable: true });
    expect(JSON.stringify({ list: [1, 2] })).toBe('{"list":"garbled"}');
    expect(plainJson({ list: [1, 2] })).toBe('{"list":[1,2]}');
    expect(proto.toJSON).toBe(pagesOwn);
    expect(Object.getOwnPropertyDescriptor(proto, 'toJSON')?.enumerable).toBe(true);
  });

  it('sends socket.io packets the server can read', () => {
    proto.toJSON = () => 'garbled';
    const [encoded] = new plainParser.Encoder().encode({ type: 2, nsp: '/visitor', id: 7, data: ['message:send', { clientId: 'c1', text: 'hi', tags: ['a'] }] });
    expect(encoded).toBe('2/visitor,7["message:send",{"clientId":"c1","text":"hi","tags":["a"]}]');
  });

  it('leaves a page without it alone', () => {
    expect(plainJson([1, 'two'])).toBe('[1,"two"]');
    expect(Object.getOwnPropertyDescriptor(proto, 'toJSON')).toBeUndefined();
  });
});
