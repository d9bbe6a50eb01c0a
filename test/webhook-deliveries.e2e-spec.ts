import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { AddressObject } from 'mailparser';
import { HostResolver, type ResolvedAddress } from '../src/modules/notifications/channels/host-resolver';
import { eventually, startSmtpServer, startWebhookReceiver } from './support/receivers';
import { Factories, type MadeCompany, type SignedIn } from './support/factories';
import { dataOf, TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`;
const DISABLE = 'mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }';
const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const DEAD_WEBHOOKS = '{ deliveries(first: 50, filter: { channel: WEBHOOK, status: DEAD }) { edges { node { endpointId lastError attempts { error statusCode } } } } }';

/** DNS that answers `localhost` with 127.0.0.2 twice (registration, the delivery's check), then as the OS does: 127.0.0.1. */
class RebindingDns {
  readonly calls: string[] = [];
  private readonly system = new HostResolver();

  lookup(hostname: string): Promise<ResolvedAddress[]> {
    this.calls.push(hostname);
    if (hostname !== 'localhost') return this.system.lookup(hostname);
    const answer = this.calls.filter((name) => name === 'localhost').length <= 2 ? '127.0.0.2' : '127.0.0.1';
    return Promise.resolve([{ address: answer, family: 4 }]);
  }
}

/** A TCP server that does `onSocket` with every connection; resolves to its port. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createTcpServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Delivering webhooks (issue #12 §4) with WEBHOOK_ALLOW_PRIVATE_TARGETS on, so that loopback
 * receivers stand in for the organization's: a delivery connects to the address it checked, and
 * the organization sees why an attempt failed as a class, never the socket's message. And e-mail
 * display names are quoted safely (issue #12 §5).
 */
describe('webhook deliveries: the checked address, error classes; e-mail display names', () => {
  let t: TestApp;
  let company: MadeCompany;
  let sbb: SignedIn;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let branchId: string;
  let crebo = 25800;
  const dns = new RebindingDns();
  const closeLater: { close(): unknown }[] = [];

  const register = async (url: string): Promise<string> =>
    dataOf(await t.gql(REGISTER, { input: { url, eventTypes: ['ACCREDITATION_GRANTED'] } }, company.admin.token)).registerWebhookEndpoint.endpoint.id;
  const disable = async (ids: string[]) => {
    for (const id of ids) dataOf(await t.gql(DISABLE, { id }, company.admin.token));
  };
  const grant = async () => dataOf(await t.gql(GRANT, { input: { branchId, crebo: String(crebo++), grantedOn: '2026-09-01' } }, sbb.token));

  let make: Factories;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({
      env: { SMTP_URL: smtp.url, DELIVERY_MAX_ATTEMPTS: '2', WEBHOOK_TIMEOUT_MS: '500' },
      configure: (builder) => builder.overrideProvider(HostResolver).useValue(dns),
    });
    make = new Factories(t);
    [company, sbb] = await Promise.all([make.company(), make.sbb()]);
    branchId = company.branchId;
    await t.eventsDispatched(); // the factory company's own accreditation must not reach the webhooks below
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
    for (const server of closeLater) server.close();
  });

  it('connects to the address it checked, not to a second DNS answer (DNS rebinding), keeping the host name in Host', async () => {
    const checked = await startWebhookReceiver(() => 200, { host: '127.0.0.2' });
    const secondAnswer = await startWebhookReceiver(() => 200, { host: '127.0.0.1', port: checked.port });
    closeLater.push(checked, secondAnswer);
    const endpointId = await register(`http://localhost:${checked.port}/hooks`);

    await grant();
    await eventually(() => checked.received.length === 1);
    await disable([endpointId]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second request would arrive now

    expect(checked.received).toHaveLength(1);
    expect(checked.received[0].headers.host).toBe(`localhost:${checked.port}`);
    expect(secondAnswer.connections).toBe(0);
    expect(dns.calls.filter((name) => name === 'localhost')).toHaveLength(2);
  });

  it('shows the organization TIMEOUT, NETWORK_ERROR or HTTP_STATUS, never what the socket said, and follows no redirect', async () => {
    const hangsUp = await tcpServer((socket) => socket.once('data', () => socket.destroy()));
    const silent = await tcpServer(() => undefined);
    const unavailable = await startWebhookReceiver(() => 503);
    const redirectTarget = await startWebhookReceiver();
    const redirects = createHttpServer((_, res) => res.writeHead(302, { location: redirectTarget.url }).end());
    await new Promise<void>((resolve) => redirects.listen(0, '127.0.0.1', resolve));
    closeLater.push(hangsUp.server, silent.server, unavailable, redirectTarget, redirects);

    const expected = new Map([
      [await register('http://127.0.0.1:1/hooks'), { error: 'NETWORK_ERROR', statusCode: null }], // was "connect ECONNREFUSED 127.0.0.1:1"
      [await register(`http://127.0.0.1:${hangsUp.port}/hooks`), { error: 'NETWORK_ERROR', statusCode: null }], // was "socket hang up"
      [await register(`http://127.0.0.1:${silent.port}/hooks`), { error: 'TIMEOUT', statusCode: null }],
      [await register(unavailable.url), { error: 'HTTP_STATUS', statusCode: 503 }],
      [await register(`http://127.0.0.1:${(redirects.address() as AddressInfo).port}/hooks`), { error: 'HTTP_STATUS', statusCode: 302 }],
    ]);
    await grant();

    const admin = company.admin.token;
    const response = await eventually(async () => {
      const answer = await t.gql(DEAD_WEBHOOKS, {}, admin);
      const dead = dataOf(answer).deliveries.edges.filter((edge: any) => expected.has(edge.node.endpointId));
      return dead.length === expected.size ? answer : null;
    }, 20_000);
    await disable([...expected.keys()]);

    for (const { node } of dataOf(response).deliveries.edges) {
      const attempt = expected.get(node.endpointId);
      if (!attempt) continue;
      expect(node).toEqual({ endpointId: node.endpointId, lastError: attempt.error, attempts: [attempt, attempt] });
    }
    expect(JSON.stringify(response)).not.toMatch(/ECONNREFUSED|ECONNRESET|hang up|socket|127\.0\.0\.1|within/i);
    expect(redirectTarget.connections).toBe(0);
  });

  it('quotes e-mail display names: a trailing backslash or a name that looks like an address stays one recipient', async () => {
    const add = (email: string, name: string, role: 'ADMIN' | 'STAFF') => make.addUser(company.admin, role, { email, name });
    await add('evil@leerbedrijf.test', 'Evil \\', 'ADMIN');
    await add('quote@leerbedrijf.test', '"Quote", Name <x@y>', 'ADMIN');
    await add('collega@leerbedrijf.test', 'Nieuwe Collega', 'STAFF');

    // USER_ADDED goes to every admin of the company: its first admin and the two above.
    const mails = await eventually(() => {
      const about = smtp.messages.filter((mail) => mail.subject === 'Nieuwe gebruiker: Nieuwe Collega');
      return about.length === 3 ? about : null;
    });
    const recipients = mails.map((mail) => (mail.to as AddressObject).value.map(({ address, name }) => ({ address, name })));
    expect(recipients).toEqual(
      expect.arrayContaining([
        [{ address: 'evil@leerbedrijf.test', name: 'Evil \\' }],
        [{ address: 'quote@leerbedrijf.test', name: '"Quote", Name <x@y>' }],
      ]),
    );
    expect(smtp.messages.flatMap((mail) => (mail.to as AddressObject).value.map(({ address }) => address))).not.toContain('x@y');
  });
});
