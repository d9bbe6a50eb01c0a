import ipaddr from 'ipaddr.js';

const MAX_URL_LENGTH = 2048;

/** NAT64's well-known prefix (RFC 6052): the last 32 bits are the IPv4 address it reaches. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * True only for a public unicast address. Everything ipaddr.js files under another range is
 * refused: loopback, private, link-local, CGNAT, unique-local, unspecified, multicast, broadcast,
 * reserved and documentation ranges, 6to4 and Teredo. IPv4-mapped (`::ffff:127.0.0.1`) and NAT64
 * addresses are judged by the IPv4 address inside them. Anything unparsable is refused.
 */
export function isPubliclyRoutable(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(NAT64)) {
    parsed = ipaddr.fromByteArray((parsed as ipaddr.IPv6).toByteArray().slice(12));
  }
  return parsed.range() === 'unicast';
}

/** The host of a URL as a bare IP address, or null when it is a name. */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : null;
}

/** Why a webhook URL is refused before its host is looked up, or null when its form is acceptable. */
export function webhookUrlProblem(raw: string, { httpsOnly }: { httpsOnly: boolean }): string | null {
  if (raw.length > MAX_URL_LENGTH) return `url must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must use http or https';
  if (httpsOnly && url.protocol !== 'https:') return 'url must use https in production';
  if (url.username || url.password) return 'url must not contain credentials';
  return null;
}
