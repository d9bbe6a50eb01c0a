import { isIP } from 'node:net';

const MAX_URL_LENGTH = 2048;

/** Loopback, private, link-local, CGNAT and unspecified ranges: a webhook must never reach them in production. */
function isNonRoutable(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal')) return true;
  if (isIP(name) === 4) {
    const [a, b] = name.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(name) === 6) return name === '::1' || name === '::' || /^f[cd]/.test(name) || name.startsWith('fe80') || name.startsWith('::ffff:');
  return false;
}

/** Why a webhook URL is refused, or null when it is acceptable. */
export function webhookUrlProblem(raw: string, production: boolean): string | null {
  if (raw.length > MAX_URL_LENGTH) return `url must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (production && isNonRoutable(url.hostname)) return 'url must point at a publicly routable host';
  return null;
}
