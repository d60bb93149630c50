import { describe, expect, it } from 'vitest';
import { sniffFileType } from './file-type.js';

const bytes = (...values: number[]) => Buffer.from(values);

describe('sniffFileType', () => {
  it('knows images and PDF by their first bytes', () => {
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({ type: 'image/png', image: true });
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ type: 'image/jpeg', image: true });
    expect(sniffFileType(Buffer.from('GIF89a'))).toEqual({ type: 'image/gif', image: true });
    expect(sniffFileType(Buffer.concat([Buffer.from('RIFF'), bytes(1, 2, 3, 4), Buffer.from('WEBPVP8 ')]))).toEqual({ type: 'image/webp', image: true });
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toEqual({ type: 'application/pdf', image: false });
  });
  it('refuses everything else, whatever its name claims (HTML, SVG, scripts, empty)', () => {
    for (const text of ['<html><script>alert(1)</script>', '<svg onload=alert(1)>', '#!/bin/sh', '', 'RIFF1234WAVE']) {
      expect(sniffFileType(Buffer.from(text))).toBeNull();
    }
  });
});
