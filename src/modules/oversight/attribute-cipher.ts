import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface Sealed {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
}

/**
 * R24: protected attributes are encrypted at rest (AES-256-GCM, key from config). For the
 * adverse-impact audit each reported answer also gets a blind index: HMAC-SHA256 over the student
 * id, the ground and the value, under a key derived from the same secret. Without that key the
 * indexes look random (no two students share one), so nobody reading the database can group
 * students; with it the audit query can count per group inside Postgres without decrypting rows.
 */
export class AttributeCipher {
  private readonly key: Buffer;
  /** The derived key the audit query recomputes indexes with; it never opens a sealed record. */
  readonly indexKey: Buffer;

  constructor(hexKey: string) {
    this.key = Buffer.from(hexKey, 'hex');
    if (this.key.length !== 32) throw new Error('PROTECTED_ATTRIBUTES_KEY must be 32 bytes written as 64 hex characters');
    this.indexKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'stagematch/protected-attributes/audit-index/v1', 32));
  }

  seal(value: object): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { ciphertext, iv, authTag: cipher.getAuthTag() };
  }

  open<T>({ ciphertext, iv, authTag }: Sealed): T {
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(authTag);
    return JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')) as T;
  }

  /** Must equal `blindIndexSql` in the audit query, byte for byte. */
  blindIndex(studentId: string, ground: string, value: string): Buffer {
    return createHmac('sha256', this.indexKey).update(blindIndexMessage(studentId, ground, value), 'utf8').digest();
  }
}

export function blindIndexMessage(studentId: string, ground: string, value: string): string {
  return `${studentId}:${ground}:${value}`;
}

/** The same HMAC in SQL (pgcrypto), for a student id column, a ground and a value given as parameters. */
export function blindIndexSql(studentIdColumn: string, groundParam: string, valueParam: string, keyParam: string): string {
  return `hmac(convert_to(${studentIdColumn}::text || ':' || ${groundParam} || ':' || ${valueParam}, 'UTF8'), ${keyParam}, 'sha256')`;
}
