/**
 * The type of an uploaded file, read from its first bytes (never from the name or the client's
 * Content-Type). Only types that are safe to show or download are known; anything else is refused.
 */
export interface FileType {
  type: string;
  image: boolean;
}

const SIGNATURES: { type: string; image: boolean; bytes: number[]; at?: number }[] = [
  { type: 'image/png', image: true, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', image: true, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', image: true, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'application/pdf', image: false, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

const matches = (content: Buffer, bytes: number[], at = 0) => bytes.every((byte, i) => content[at + i] === byte);

export function sniffFileType(content: Buffer): FileType | null {
  for (const { type, image, bytes, at } of SIGNATURES) if (matches(content, bytes, at)) return { type, image };
  // WEBP: "RIFF" size "WEBP".
  if (matches(content, [0x52, 0x49, 0x46, 0x46]) && matches(content, [0x57, 0x45, 0x42, 0x50], 8)) return { type: 'image/webp', image: true };
  return null;
}
