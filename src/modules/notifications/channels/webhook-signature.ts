import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'stagematch-signature';
export const TIMESTAMP_HEADER = 'stagematch-timestamp';
export const DELIVERY_HEADER = 'stagematch-delivery';

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed too, so a receiver can
 * refuse replays older than a few minutes.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time, and refuse stale timestamps. */
export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string, toleranceSeconds = 300): boolean {
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
