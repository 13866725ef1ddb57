/** Access codes printed on convocation letters. */
import { describe, expect, it } from 'vitest';
import { invitationHash, newInvitationCode } from './participants.ts';

describe('newInvitationCode', () => {
  it('gives typeable codes, all different, across refills of the random pool', () => {
    // 3,000 codes use 36 kB of random bytes: the 4 kB pool is refilled several times.
    const codes = Array.from({ length: 3000 }, newInvitationCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every letter of the alphabet turns up, none far more than its share (36,000 letters, ~1,125 each).
    const counts = new Map<string, number>();
    for (const ch of codes.join('').replaceAll('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(n).toBeGreaterThan(900);
    for (const n of counts.values()) expect(n).toBeLessThan(1400);
  });

  it('hashes a code the same however the person types it', () => {
    const code = newInvitationCode();
    expect(invitationHash(code.toLowerCase().replaceAll('-', ' '))).toBe(invitationHash(code));
  });
});
