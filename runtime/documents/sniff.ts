/**
 * What a file is, read from its first bytes (magic numbers), never from its
 * name or the Content-Type the browser claims. Only the types a court file
 * takes: PDF, images (PNG, JPEG, WebP, GIF), audio (MP3, WAV, Ogg, M4A) and
 * video (MP4, MOV, WebM). Written here rather than pulled from a dependency:
 * twelve signatures, each tested with a real header.
 */
import type { DocumentKind } from '../../spec/index.ts';

/** pdf | image | audio | video, as a document kind's `upload.types` lists them. */
export type UploadType = NonNullable<DocumentKind['upload']>['types'][number];

export interface Sniffed {
  readonly mediaType: string;
  readonly category: UploadType;
  readonly extension: string;
}

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, at: number, text: string): boolean => {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const bytes = (b: Uint8Array, at: number, sig: readonly number[]): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** ISO base media (MP4, M4A, MOV): `ftyp` box at offset 4, its major brand at 8. */
function isoMedia(b: Uint8Array): Sniffed | undefined {
  if (!ascii(b, 4, 'ftyp') || b.length < 12) return undefined;
  const brand = String.fromCharCode(...b.subarray(8, 12));
  if (brand === 'M4A ' || brand === 'M4B ')
    return { mediaType: 'audio/mp4', category: 'audio', extension: 'm4a' };
  if (brand === 'qt  ') return { mediaType: 'video/quicktime', category: 'video', extension: 'mov' };
  return { mediaType: 'video/mp4', category: 'video', extension: 'mp4' };
}

/** MPEG audio frame header (an MP3 without ID3 tag): 11 sync bits, MPEG version not reserved, layer not reserved. */
function mpegAudioFrame(b: Uint8Array): boolean {
  const [b0 = 0, b1 = 0] = b;
  return b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) !== 0;
}

/** WebM: an EBML header whose DocType is "webm" (Matroska in general is not accepted). */
function webm(b: Uint8Array): boolean {
  if (!bytes(b, 0, [0x1a, 0x45, 0xdf, 0xa3])) return false;
  for (let i = 4; i + 4 <= b.length; i++) if (ascii(b, i, 'webm')) return true;
  return false;
}

/** The file's type from its first bytes (pass at least SNIFF_BYTES), or undefined when not accepted. */
export function sniff(b: Uint8Array): Sniffed | undefined {
  if (ascii(b, 0, '%PDF-')) return { mediaType: 'application/pdf', category: 'pdf', extension: 'pdf' };
  if (bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { mediaType: 'image/png', category: 'image', extension: 'png' };
  }
  if (bytes(b, 0, [0xff, 0xd8, 0xff]))
    return { mediaType: 'image/jpeg', category: 'image', extension: 'jpg' };
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'))
    return { mediaType: 'image/gif', category: 'image', extension: 'gif' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'))
    return { mediaType: 'image/webp', category: 'image', extension: 'webp' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'))
    return { mediaType: 'audio/wav', category: 'audio', extension: 'wav' };
  if (ascii(b, 0, 'OggS')) return { mediaType: 'audio/ogg', category: 'audio', extension: 'ogg' };
  if (ascii(b, 0, 'ID3') || mpegAudioFrame(b))
    return { mediaType: 'audio/mpeg', category: 'audio', extension: 'mp3' };
  if (webm(b)) return { mediaType: 'video/webm', category: 'video', extension: 'webm' };
  return isoMedia(b);
}

/** French names of the upload categories, for messages. */
export const CATEGORY_FR: Readonly<Record<UploadType, string>> = {
  pdf: 'PDF',
  image: 'image (PNG, JPEG, WebP, GIF)',
  audio: 'audio (MP3, WAV, Ogg, M4A)',
  video: 'vidéo (MP4, MOV, WebM)',
};
