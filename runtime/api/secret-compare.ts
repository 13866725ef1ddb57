/** Compares a secret given in a request with the expected one in constant time (no timing oracle). */
import { timingSafeEqual } from 'node:crypto';

export const sameSecret = (given: string, expected: string): boolean => {
  const x = Buffer.from(given);
  const y = Buffer.from(expected);
  return x.length === y.length && timingSafeEqual(x, y);
};
