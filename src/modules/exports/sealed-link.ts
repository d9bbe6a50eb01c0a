import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type LinkCheck<T> = { ok: true; payload: T } | { ok: false; reason: 'INVALID' | 'EXPIRED' };

const FORMAT = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Payloads are padded to a multiple of this, so a link's length says little about its filter. */
const PAD_TO = 64;
const MAX_TOKEN_LENGTH = 16_384;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const INVALID = { ok: false, reason: 'INVALID' } as const;

/**
 * Self-contained sealed links: base64url(format byte, IV, AES-256-GCM(JSON payload with `exp`),
 * tag). The payload (who asked, which report, which filter) is encrypted, so the link reveals
 * nothing but its length; the GCM tag authenticates it, and OpenSSL checks the tag as bytes in
 * constant time. Anything else — another alphabet, multibyte characters, a wrong length, a
 * flipped bit — is INVALID, never an exception. The key is derived from a server secret for this
 * purpose only, so a link is no login token.
 */
export class SealedLinks {
  private readonly key: Buffer;
  private readonly purpose: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `stagematch/${purpose}/sealed/v${FORMAT}`, 32));
    this.purpose = Buffer.from(`stagematch/${purpose}`);
  }

  seal(payload: object, expiresAt: Date): string {
    const json = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) }));
    const padded = Buffer.concat([json, Buffer.alloc(PAD_TO - (json.length % PAD_TO), ' ')]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES }).setAAD(this.purpose);
    const sealed = Buffer.concat([cipher.update(padded), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT), iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  open<T>(token: string, now = new Date()): LinkCheck<T> {
    if (token.length > MAX_TOKEN_LENGTH || !BASE64URL.test(token)) return INVALID;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT) return INVALID;
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(this.purpose).setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    let json: string;
    try {
      json = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return INVALID;
    }
    const { exp, ...payload } = JSON.parse(json) as { exp: number };
    return exp * 1000 <= now.getTime() ? { ok: false, reason: 'EXPIRED' } : { ok: true, payload: payload as T };
  }
}
