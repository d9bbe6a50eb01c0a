import { ValidateBy } from 'class-validator';
import ipaddr from 'ipaddr.js';

/** Express's `trust proxy` setting: off, a number of proxy hops, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** Named ranges Express's proxy-addr understands. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads TRUST_PROXY: `false` (the default: the client address is the TCP peer and X-Forwarded-For
 * is ignored), a hop count (`1` = one load balancer in front), or a comma-separated list of the
 * proxies' addresses, CIDR ranges or `loopback` / `linklocal` / `uniquelocal`. `true` is refused:
 * it would believe the leftmost X-Forwarded-For entry, which any client can write.
 * Returns undefined for a value that is none of these.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => NAMED_RANGES.has(entry) || ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry));
  return entries.length > 0 && valid ? entries : undefined;
}

export const IsTrustProxy = () =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== undefined,
      defaultMessage: () =>
        'TRUST_PROXY must be false, a hop count (1-10), or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal (not true: anyone can write X-Forwarded-For)',
    },
  });
