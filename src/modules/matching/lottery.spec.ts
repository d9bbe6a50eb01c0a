import { lotteryNumber, newLotterySeed } from './lottery';

describe('the round lottery (single tie-breaking)', () => {
  const seed = 'ab'.repeat(32);

  it('gives a fixed number for a seed and a student, so a round can be replayed from its published seed', () => {
    expect(lotteryNumber(seed, 'student-1')).toBe(0.7808288341725671);
  });

  it('is the same for the same seed and student, and differs between students and seeds', () => {
    const numbers = Array.from({ length: 200 }, (_, i) => lotteryNumber(seed, `student-${i}`));
    expect(numbers.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(new Set(numbers).size).toBe(200);
    expect(lotteryNumber(seed, 'student-1')).toBe(numbers[1]);
    expect(lotteryNumber('cd'.repeat(32), 'student-1')).not.toBe(numbers[1]);
    // Spread over [0, 1): a fraction, not a count of bytes.
    expect(Math.min(...numbers)).toBeLessThan(0.05);
    expect(Math.max(...numbers)).toBeGreaterThan(0.95);
  });

  it('draws a fresh 32-byte seed each round', () => {
    const a = newLotterySeed();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newLotterySeed()).not.toBe(a);
  });
});
