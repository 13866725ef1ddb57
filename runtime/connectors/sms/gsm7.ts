/**
 * SMS length: the GSM 03.38 7-bit alphabet (3GPP TS 23.038) packs 160
 * characters in one SMS, 153 per part of a concatenated one; the extension
 * table's characters (€, [, ], {, }, …) take two septets, never split across
 * parts. Any other character makes the whole message UCS-2: 70, or 67 per part.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export interface SmsLength {
  readonly encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

export const isGsm7 = (text: string): boolean => [...text].every((c) => basic.has(c) || extension.has(c));

/** Splits `sizes` (units per indivisible character) into parts of at most `per` units. */
function parts(sizes: readonly number[], per: number): number {
  let n = 1;
  let used = 0;
  for (const s of sizes) {
    if (used + s > per) {
      n++;
      used = 0;
    }
    used += s;
  }
  return n;
}

export function smsLength(text: string): SmsLength {
  const chars = [...text];
  if (isGsm7(text)) {
    const sizes = chars.map((c) => (extension.has(c) ? 2 : 1));
    const units = sizes.reduce((a, b) => a + b, 0);
    return { encoding: 'gsm7', units, segments: units <= 160 ? 1 : parts(sizes, 153) };
  }
  const sizes = chars.map((c) => c.length);
  const units = sizes.reduce((a, b) => a + b, 0);
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : parts(sizes, 67) };
}

/** French mobile numbers in E.164 (+336…, +337…) and the overseas departments' mobiles. */
export const E164 = /^\+[1-9]\d{7,14}$/;
