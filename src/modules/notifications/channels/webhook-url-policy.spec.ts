import fc from 'fast-check';
import { ipLiteralOf, isPubliclyRoutable, webhookUrlProblem } from './webhook-url-policy';

describe('webhookUrlProblem', () => {
  it.each([
    ['https://hooks.example.org/stagematch', false, null],
    ['http://hooks.example.org/stagematch', false, null],
    ['http://hooks.example.org/stagematch', true, 'url must use https in production'],
    ['https://hooks.example.org/stagematch', true, null],
    ['ftp://example.org/hook', false, 'url must use http or https'],
    ['not a url', false, 'url must be an absolute http(s) URL'],
    ['https://user:pw@example.org/', false, 'url must not contain credentials'],
    [`https://example.org/${'x'.repeat(2030)}`, false, 'url must be at most 2048 characters'],
  ])('%s (httpsOnly=%s) → %s', (url, httpsOnly, problem) => {
    expect(webhookUrlProblem(url, { httpsOnly })).toBe(problem);
  });
});

describe('isPubliclyRoutable', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'IPv6 unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped link-local, hex form'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'Teredo'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'IPv6 multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['240.0.0.1', 'reserved'],
    ['localhost', 'not an address'],
    ['', 'empty'],
  ])('refuses %s (%s)', (address) => {
    expect(isPubliclyRoutable(address)).toBe(false);
  });

  it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.215.14', '64:ff9b::5db8:d70e'])('accepts the public %s', (address) => {
    expect(isPubliclyRoutable(address)).toBe(true);
  });

  it('judges an IPv4 address the same when it is wrapped in IPv4-mapped IPv6 or NAT64', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split('.').map(Number);
        const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const verdict = isPubliclyRoutable(v4);
        expect(isPubliclyRoutable(`::ffff:${v4}`)).toBe(verdict);
        expect(isPubliclyRoutable(`::ffff:${hex}`)).toBe(verdict);
        expect(isPubliclyRoutable(`64:ff9b::${hex}`)).toBe(verdict);
      }),
    );
  });
});

describe('ipLiteralOf', () => {
  it.each([
    ['http://127.0.0.1:8080/h', '127.0.0.1'],
    ['http://2130706433/h', '127.0.0.1'],
    ['http://0x7f.1/h', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/h', '::ffff:7f00:1'],
    ['http://[::1]:9/h', '::1'],
    ['http://localhost./h', null],
    ['https://hooks.example.org/h', null],
  ])('%s → %s', (url, literal) => {
    expect(ipLiteralOf(new URL(url))).toBe(literal);
  });
});
