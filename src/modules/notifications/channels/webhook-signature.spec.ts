import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const now = Math.floor(Date.now() / 1000);
  const body = '{"id":"d1","event":"ACCREDITATION_REVOKED"}';

  it('is the hex HMAC-SHA256 of "timestamp.body" that any receiver can recompute', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`${now}.${body}`).digest('hex');
    expect(signWebhook('whsec_test', now, body)).toBe(`v1=${expected}`);
  });

  it('verifies the right secret, body and a fresh timestamp only', () => {
    const signature = signWebhook('whsec_test', now, body);
    expect(verifyWebhook('whsec_test', now, body, signature)).toBe(true);
    expect(verifyWebhook('whsec_other', now, body, signature)).toBe(false);
    expect(verifyWebhook('whsec_test', now, `${body} `, signature)).toBe(false);
    const old = now - 600;
    expect(verifyWebhook('whsec_test', old, body, signWebhook('whsec_test', old, body))).toBe(false);
  });
});
