import { createHash, randomBytes } from 'node:crypto';

/**
 * Single-use link tokens (invitations, password resets) and API key secrets: 32 random bytes,
 * stored only as their SHA-256. A slow hash adds nothing for 256 random bits; a fast one lets the
 * row be found by its hash in one indexed lookup.
 */
export function newSecretToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
