import { SealedLinks } from './sealed-link';

describe('sealed export links', () => {
  const links = new SealedLinks('a-test-secret-of-at-least-32-characters!', 'report-exports');
  const payload = { userId: '6f1c2f8e-3b7a-4c1d-9e2f-0a1b2c3d4e5f', input: { report: 'AUDIT_LOG', auditLog: { action: 'pok.' } } };
  const later = new Date(Date.now() + 60_000);

  it('opens what it sealed, until it expires', () => {
    const token = links.seal(payload, later);
    expect(links.open(token)).toEqual({ ok: true, payload });
    expect(links.open(token, new Date(later.getTime() + 1000))).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('reveals neither the user nor the filter, and pads the length', () => {
    const token = links.seal(payload, later);
    const bytes = Buffer.from(token, 'base64url');
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), token]) {
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
      expect(text).not.toContain('AUDIT_LOG');
      expect(text).not.toContain('"userId"');
      expect(text).not.toContain('pok.');
    }
    expect((bytes.length - 1 - 12 - 16) % 64).toBe(0);
    expect(links.seal(payload, later)).not.toBe(token); // a fresh IV each time
  });

  it.each([
    ['a flipped bit', (token: string) => { const bytes = Buffer.from(token, 'base64url'); bytes[20] ^= 1; return bytes.toString('base64url'); }],
    ['a cut tag', (token: string) => token.slice(0, -4)],
    ['multibyte characters', (token: string) => `${token.slice(0, -43)}${'é'.repeat(43)}`],
    ['an old signed link', () => `${Buffer.from('{"userId":"x","exp":9999999999}').toString('base64url')}.${'A'.repeat(43)}`],
    ['nothing at all', () => ''],
    ['a short token', () => 'AgAB'],
    ['another key', () => new SealedLinks('another-secret-of-at-least-32-characters', 'report-exports').seal(payload, later)],
    ['another purpose', () => new SealedLinks('a-test-secret-of-at-least-32-characters!', 'other').seal(payload, later)],
  ])('refuses %s as INVALID without throwing', (_name, tamper) => {
    expect(links.open(tamper(links.seal(payload, later)))).toEqual({ ok: false, reason: 'INVALID' });
  });
});
