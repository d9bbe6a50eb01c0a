import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type LinkCheck<T> = { ok: true; payload: T } | { ok: false; reason: 'INVALID' | 'EXPIRED' };

/**
 * Self-contained signed links: base64url(JSON payload with `exp`) + "." + base64url(HMAC-SHA256).
 * The key is derived from a server secret for this purpose only, so a link is no login token.
 */
export class SignedLinks {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `stagematch/${purpose}/v1`, 32));
  }

  sign(payload: object, expiresAt: Date): string {
    const body = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  check<T>(token: string, now = new Date()): LinkCheck<T> {
    const [body, mac] = token.split('.');
    if (!body || !mac || mac.length !== 43 || !timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(body)))) return { ok: false, reason: 'INVALID' };
    const { exp, ...payload } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp: number };
    return exp * 1000 <= now.getTime() ? { ok: false, reason: 'EXPIRED' } : { ok: true, payload: payload as T };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
