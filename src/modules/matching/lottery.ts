import { createHmac, createSecretKey, randomBytes } from 'node:crypto';

/** A fresh round seed: 32 bytes from the operating system's CSPRNG. */
export const newLotterySeed = (): string => randomBytes(32).toString('hex');

/**
 * Each student's lottery number in a round: HMAC-SHA256(seed, student id) read as a fraction in
 * [0, 1). One number per student used at every placement (single tie-breaking); the same seed
 * gives the same numbers whatever the input order, and nothing about the student but her random
 * id goes in.
 */
export function lotteryNumber(seed: string, studentId: string): number {
  return lotteryOf(seed)(studentId);
}

/** `lotteryNumber` for one round's seed, its key made once (a national round draws half a million numbers). */
export function lotteryOf(seed: string): (studentId: string) => number {
  const key = createSecretKey(Buffer.from(seed, 'hex'));
  return (studentId) => createHmac('sha256', key).update(studentId).digest().readUIntBE(0, 6) / 2 ** 48;
}
