/** The secret that signs tokens when JWT_SECRET is unset (development and test only). */
export const DEVELOPMENT_JWT_SECRET = 'stagematch-development-secret-do-not-use-in-production';

/** The protected-attributes key when PROTECTED_ATTRIBUTES_KEY is unset (development and test only). */
export const DEVELOPMENT_PROTECTED_ATTRIBUTES_KEY = '0'.repeat(63) + '1';

/** The key of SSO client secrets when SSO_ENCRYPTION_KEY is unset (development and test only). */
export const DEVELOPMENT_SSO_ENCRYPTION_KEY = '0'.repeat(63) + '2';

/**
 * Every JWT_SECRET, PROTECTED_ATTRIBUTES_KEY or SSO_ENCRYPTION_KEY candidate that is, or ever was, published with
 * Stagematch: defaults, compose fallbacks, examples, test helpers and any 64-hex value in the
 * repository. Anyone who read the repository can forge tokens (or decrypt R24 attributes) with
 * them, so production refuses each one. Never remove an entry: git history keeps it public.
 * `published-secrets.spec.ts` scans the tracked files and fails when a new one is missing here.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_PROTECTED_ATTRIBUTES_KEY,
  DEVELOPMENT_SSO_ENCRYPTION_KEY,
  // docker-compose.yml fallbacks before compose required the secrets from the environment
  'change-me-in-production-please-32chars-min',
  '00000000000000000000000000000000000000000000000000000000000000ff',
  // test/auth.e2e-spec.ts: the secret a forged token is signed with
  'another-secret-that-is-long-enough-to-sign',
  // migrations/data/nl-pc4.SOURCE.md: SHA-256 sums of the postcode data (64 hex characters, public)
  '949ce04d782ed0baf37ab6ce9e366d32172ab4fcc251769997f2d20fd8ab2b1c',
  '942758e56e1ead385d2df4eb14bf2ed9cfa2dce2c61290445d1ca8a496e42300',
  'f2a22f5303e970d9eb1a4fc5258ae9999405c44203d9ddf96d6a18d660ccdc7b',
];

/** Hex is compared case-insensitively: the same bytes are the same key. */
const normalize = (value: string): string => (/^[0-9a-f]+$/i.test(value) ? value.toLowerCase() : value);
const published = new Set(PUBLISHED_SECRETS.map(normalize));

export function isPublishedSecret(value: string): boolean {
  return published.has(normalize(value));
}
