import request from 'supertest';
import { HostResolver, type ResolvedAddress } from '../src/modules/notifications/channels/host-resolver';
import { eventually, startWebhookReceiver } from './support/receivers';
import { Factories, type MadeCompany, type SignedIn } from './support/factories';
import { dataOf, type GraphqlResponse, TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { endpoint { id url } } }`;
const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const PUBLIC_V4 = '93.184.215.14';
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

/**
 * Stands in for DNS as a production network would answer: the compose service names and the
 * machine's own names resolve to internal addresses. A name with several answers gives them in
 * turn, repeating the last (an answer that changes after registration: DNS rebinding).
 */
class FakeDns {
  readonly calls: string[] = [];
  private readonly answers = new Map<string, ResolvedAddress[][]>([
    ['localhost.', [[v4('127.0.0.1'), v6('::1')]]],
    ['localhost', [[v4('127.0.0.1'), v6('::1')]]],
    ['vm', [[v4('127.0.0.1')]]],
    ['redis', [[v4('172.18.0.3')]]],
    ['postgres', [[v4('172.18.0.2')]]],
    ['mailpit', [[v4('172.18.0.4')]]],
    ['metadata.google.internal', [[v4('169.254.169.254')]]],
    ['mapped.example.org', [[v6('::ffff:127.0.0.1')]]],
    ['half-internal.example.org', [[v4(PUBLIC_V4), v4('10.0.0.5')]]],
    ['hooks.example.org', [[v4(PUBLIC_V4), v6(PUBLIC_V6)]]],
    ['rebind.example.org', [[v4(PUBLIC_V4)], [v4('127.0.0.1')]]],
  ]);

  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    this.calls.push(hostname);
    const answers = this.answers.get(hostname);
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.length > 1 ? answers.shift()! : answers[0];
  }
}

/**
 * Webhook targets in production (issue #12 §4): at registration and before every delivery, every
 * address the host resolves to must be publicly routable, and a delivery connects only to what was
 * checked. Production refuses WEBHOOK_ALLOW_PRIVATE_TARGETS (see environment.spec.ts).
 */
describe('webhook targets in production: no loopback, private or internal receivers', () => {
  let t: TestApp;
  let company: MadeCompany;
  let sbb: SignedIn;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const dns = new FakeDns();

  const register = async (url: string) => {
    const response = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${company.admin.token}`)
      .send({ query: REGISTER, variables: { input: { url, eventTypes: ['ACCREDITATION_GRANTED'] } } });
    return { status: response.status, body: response.body as GraphqlResponse };
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await TestApp.start({
      env: { NODE_ENV: 'production' },
      configure: (builder) => builder.overrideProvider(HostResolver).useValue(dns),
    });
    const make = new Factories(t);
    [company, sbb] = await Promise.all([make.company(), make.sbb()]);
    await t.eventsDispatched(); // the factory company's own accreditation must not reach the webhooks below
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });

  it.each([
    ['the trailing-dot name localhost.', () => `https://localhost.:${receiver.port}/hooks`],
    ['localhost', () => `https://localhost:${receiver.port}/hooks`],
    ['a single-label name of the machine itself', () => `https://vm:${receiver.port}/hooks`],
    ['the compose service redis', () => 'https://redis:6379/'],
    ['the compose service postgres', () => 'https://postgres:5432/'],
    ['the compose service mailpit', () => 'https://mailpit:8025/api/v1/messages'],
    ['the cloud metadata name', () => 'https://metadata.google.internal/computeMetadata/v1/'],
    ['a name that resolves to IPv4-mapped loopback', () => 'https://mapped.example.org/hooks'],
    ['a name with one public and one private address', () => 'https://half-internal.example.org/hooks'],
    ['a name that does not resolve', () => 'https://nowhere.example.org/hooks'],
    ['127.0.0.1', () => `https://127.0.0.1:${receiver.port}/hooks`],
    ['127.0.0.1 written as one number', () => `https://2130706433:${receiver.port}/hooks`],
    ['[::1]', () => `https://[::1]:${receiver.port}/hooks`],
    ['[::ffff:127.0.0.1]', () => `https://[::ffff:127.0.0.1]:${receiver.port}/hooks`],
    ['0.0.0.0', () => `https://0.0.0.0:${receiver.port}/hooks`],
    ['10.0.0.1', () => 'https://10.0.0.1/hooks'],
    ['169.254.169.254', () => 'https://169.254.169.254/latest/meta-data/'],
    ['100.64.0.1', () => 'https://100.64.0.1/hooks'],
    ['[fd00::1]', () => 'https://[fd00::1]/hooks'],
  ])('refuses to register %s as BAD_USER_INPUT on input.url, writing nothing', async (_, url) => {
    const before = await t.count('webhook_endpoints');
    const { status, body } = await register(url());
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.url', message: expect.stringContaining('alleen naar publiek routeerbare adressen') }],
    });
    expect(status).toBe(400);
    expect(await t.count('webhook_endpoints')).toBe(before);
    expect(receiver.connections).toBe(0);
  });

  it('refuses plain http in production', async () => {
    const { status, body } = await register('http://hooks.example.org/stagematch');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.url', message: 'url moet in productie https gebruiken' }] });
  });

  it('registers an https URL whose every address is public', async () => {
    const { body } = await register('https://hooks.example.org/stagematch');
    const { id } = dataOf(body).registerWebhookEndpoint.endpoint;
    // Switched off at once: nothing in this test may reach the real address.
    dataOf(await t.gql('mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', { id }, company.admin.token));
  });

  it('checks again before each delivery: a name that now resolves to loopback is BLOCKED_ADDRESS, and nothing connects', async () => {
    const url = `https://rebind.example.org:${receiver.port}/hooks`;
    const endpointId = dataOf((await register(url)).body).registerWebhookEndpoint.endpoint.id; // rebind.example.org is public now
    const admin = company.admin.token;
    dataOf(await t.gql(GRANT, { input: { branchId: company.branchId, crebo: '25701', grantedOn: '2026-09-01' } }, sbb.token));

    const DELIVERIES = '{ deliveries(filter: { channel: WEBHOOK }) { edges { node { endpointId status lastError attempts { error statusCode } } } } }';
    const delivery = await eventually(async () =>
      dataOf(await t.gql(DELIVERIES, {}, admin)).deliveries.edges.find((edge: any) => edge.node.endpointId === endpointId && edge.node.attempts.length >= 2 && edge.node.status !== 'PENDING')?.node, // the status follows the attempt's row
    );
    // A refused address is permanent: one retry, then the dead letter.
    expect(delivery).toEqual({
      endpointId,
      status: 'DEAD',
      lastError: 'BLOCKED_ADDRESS',
      attempts: [
        { error: 'BLOCKED_ADDRESS', statusCode: null },
        { error: 'BLOCKED_ADDRESS', statusCode: null },
      ],
    });
    expect(receiver.connections).toBe(0);
    expect(receiver.received).toEqual([]);
    // One look-up at registration and one per attempt: the connection never asks DNS again.
    expect(dns.calls.filter((name) => name === 'rebind.example.org')).toHaveLength(3);
  });
});
