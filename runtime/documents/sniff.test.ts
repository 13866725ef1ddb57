/** Magic numbers: real file headers of each accepted type, and files that must be refused whatever their name. */
import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.ts';

const b = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const pad = (u: Uint8Array) => Uint8Array.from([...u, ...new Array(64).fill(0)]);

describe('sniff', () => {
  it.each([
    ['PDF', b('%PDF-1.7\n%âãÏÓ'), 'application/pdf', 'pdf'],
    ['PNG', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png', 'image'],
    ['JPEG', b([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image/jpeg', 'image'],
    ['GIF', b('GIF89a', [1, 0, 1, 0]), 'image/gif', 'image'],
    ['WebP', b('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'image'],
    ['WAV', b('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav', 'audio'],
    ['Ogg', b('OggS', [0, 2, 0, 0]), 'audio/ogg', 'audio'],
    ['MP3 with ID3', b('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg', 'audio'],
    ['MP3 frame', b([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg', 'audio'],
    ['M4A', b([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4', 'audio'],
    ['MP4', b([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]), 'video/mp4', 'video'],
    ['MOV', b([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0]), 'video/quicktime', 'video'],
    [
      'WebM',
      b([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
      'video/webm',
      'video',
    ],
  ])('%s', (_name, head, mediaType, category) => {
    expect(sniff(pad(head))).toMatchObject({ mediaType, category });
  });

  it.each([
    ['plain text', b('Bonjour, voici ma pièce.')],
    ['HTML', b('<!doctype html><script>alert(1)</script>')],
    ['Windows executable', b('MZ', [0x90, 0])],
    ['ZIP (e.g. .docx)', b('PK', [3, 4, 20, 0])],
    [
      'Matroska that is not WebM',
      b([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], 'matroska'),
    ],
    ['AAC ADTS (reserved MPEG layer)', b([0xff, 0xf1, 0x50, 0x80])],
    ['empty', b()],
  ])('refuses %s', (_name, head) => {
    expect(sniff(head)).toBeUndefined();
  });
});
