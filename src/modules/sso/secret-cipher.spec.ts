import { randomBytes } from 'node:crypto';
import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32).toString('hex'));
  const organization = '7d3c1a52-2f4e-4c1b-9b1e-2f0c3f8e9a10';

  it('opens what it sealed, and the stored bytes do not contain the secret', () => {
    const sealed = cipher.seal('s3cr3t-client-secret', organization);
    expect(sealed.includes(Buffer.from('s3cr3t-client-secret'))).toBe(false);
    expect(cipher.open(sealed, organization)).toBe('s3cr3t-client-secret');
  });

  it('refuses a secret sealed for another organization, under another key, or altered', () => {
    const sealed = cipher.seal('secret', organization);
    expect(() => cipher.open(sealed, '00000000-0000-0000-0000-000000000000')).toThrow();
    expect(() => new SecretCipher(randomBytes(32).toString('hex')).open(sealed, organization)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => cipher.open(altered, organization)).toThrow();
  });
});
