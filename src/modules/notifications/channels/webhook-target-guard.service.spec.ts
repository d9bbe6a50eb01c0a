import { randomBytes } from 'node:crypto';
import { loadEnvironment } from '../../../config/environment';
import type { HostResolver, ResolvedAddress } from './host-resolver';
import { BlockedAddressError, HostLookupTimeoutError, WebhookTargetGuard } from './webhook-target-guard.service';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'), SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'), APP_URL: 'https://app.stagematch.test', WEBHOOK_TIMEOUT_MS: '100' };

function guardWith(answers: Record<string, ResolvedAddress[] | 'slow'>, env: Record<string, string> = PRODUCTION) {
  const calls: string[] = [];
  const resolver = {
    lookup: (hostname: string) => {
      calls.push(hostname);
      const answer = answers[hostname];
      if (answer === 'slow') return new Promise<ResolvedAddress[]>(() => undefined);
      return answer ? Promise.resolve(answer) : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    },
  } as HostResolver;
  return { guard: new WebhookTargetGuard(loadEnvironment(env), resolver), calls };
}

const PUBLIC = { address: '93.184.215.14', family: 4 } as const;
const PRIVATE = { address: '10.0.0.5', family: 4 } as const;

describe('WebhookTargetGuard', () => {
  it('returns every address of a host whose addresses are all public', async () => {
    const { guard } = guardWith({ 'hooks.example.org': [PUBLIC, { address: '2606:4700::1111', family: 6 }] });
    await expect(guard.checkedAddresses(new URL('https://hooks.example.org/h'))).resolves.toEqual([PUBLIC, { address: '2606:4700::1111', family: 6 }]);
  });

  it('refuses a host when any one of its addresses is not public', async () => {
    const { guard } = guardWith({ 'half.example.org': [PUBLIC, PRIVATE] });
    await expect(guard.checkedAddresses(new URL('https://half.example.org/h'))).rejects.toEqual(new BlockedAddressError('half.example.org', '10.0.0.5'));
  });

  it('checks an IP literal without asking DNS', async () => {
    const { guard, calls } = guardWith({});
    await expect(guard.checkedAddresses(new URL('https://[::ffff:127.0.0.1]/h'))).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(guard.checkedAddresses(new URL('https://93.184.215.14/h'))).resolves.toEqual([PUBLIC]);
    expect(calls).toEqual([]);
  });

  it('gives up on a DNS answer that takes longer than WEBHOOK_TIMEOUT_MS', async () => {
    const { guard } = guardWith({ 'slow.example.org': 'slow' });
    await expect(guard.checkedAddresses(new URL('https://slow.example.org/h'))).rejects.toBeInstanceOf(HostLookupTimeoutError);
  });

  it('lets development reach private addresses only with WEBHOOK_ALLOW_PRIVATE_TARGETS', async () => {
    const url = new URL('http://receiver.test/h');
    const denied = guardWith({ 'receiver.test': [PRIVATE] }, { NODE_ENV: 'development' }).guard;
    await expect(denied.checkedAddresses(url)).rejects.toBeInstanceOf(BlockedAddressError);
    const allowed = guardWith({ 'receiver.test': [PRIVATE] }, { NODE_ENV: 'development', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).guard;
    await expect(allowed.checkedAddresses(url)).resolves.toEqual([PRIVATE]);
  });

  it('refuses registration of an internal and of an unresolvable host with the same message', async () => {
    const { guard } = guardWith({ redis: [{ address: '172.18.0.3', family: 4 }], 'hooks.example.org': [PUBLIC] });
    const internal = await guard.registrationProblem('https://redis:6379/');
    expect(internal).toMatch(/only to publicly routable addresses/);
    expect(await guard.registrationProblem('https://nowhere.example.org/')).toBe(internal);
    expect(await guard.registrationProblem('https://hooks.example.org/h')).toBeNull();
    expect(await guard.registrationProblem('http://hooks.example.org/h')).toBe('url must use https in production');
  });
});
