import { createHmac, randomBytes } from 'node:crypto';

/** A fresh round seed: 32 bytes from the operating system's CSPRNG. */
export const newLotterySeed = (): string => randomBytes(32).toString('hex');

/**
 * Each student's lottery number in a round: HMAC-SHA256(seed, student id) read as a fraction in
 * [0, 1). One number per student used at every placement (single tie-breaking); the same seed
 * gives the same numbers whatever the input order, and nothing about the student but her random
 * id goes in.
 */
export function lotteryNumber(seed: string, studentId: string): number {
  const digest = createHmac('sha256', Buffer.from(seed, 'hex')).update(studentId).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
