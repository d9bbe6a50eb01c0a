import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const ME = '{ me { id name language role } }';
const CHANGE_PASSWORD = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const UPDATE = 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id name language role } }';
const DEACTIVATE = 'mutation($u: ID!) { deactivateUser(userId: $u) { id deactivatedAt } }';
const REACTIVATE = 'mutation($u: ID!) { reactivateUser(userId: $u) { id deactivatedAt } }';

describe('user administration: own password and details, roles, deactivation, the last active admin', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool] = await Promise.all([make.school(), make.school()]);
  });
  afterAll(() => t.stop());

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
  const fieldOf = (response: GraphqlResponse) => onlyError(response).extensions.fields?.[0];
  const staff = (): Promise<SignedIn> => make.addUser(school.admin, 'STAFF');

  it('changePassword checks the current one and the policy, ends her other sessions and keeps this one', async () => {
    const user = await staff();
    const other = await t.login(user.email, user.password);
    expect(fieldOf(await t.gql(CHANGE_PASSWORD, { c: 'not my password at all', n: 'molen-kaasschaaf-tulp-77' }, user.token))).toMatchObject({ path: 'currentPassword', rule: 'PASSWORD_WRONG' });
    expect(fieldOf(await t.gql(CHANGE_PASSWORD, { c: user.password, n: 'qwertyuiop123' }, user.token))).toMatchObject({ path: 'newPassword', rule: 'PASSWORD_GUESSABLE' });
    expect(codeOf(await t.gql(ME, {}, other))).toBeNull();

    expect(dataOf(await t.gql(CHANGE_PASSWORD, { c: user.password, n: 'molen-kaasschaaf-tulp-77' }, user.token)).changePassword).toBe(true);
    expect(codeOf(await t.gql(ME, {}, user.token))).toBeNull();
    expect(codeOf(await t.gql(ME, {}, other))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(LOGIN, { e: user.email, p: user.password }))).toBe('UNAUTHENTICATED');
    expect(await t.login(user.email, 'molen-kaasschaaf-tulp-77')).toEqual(expect.any(String));
  });

  it('updateUser: her own name and language; a role only by her admin (which ends her sessions); never across organizations', async () => {
    const user = await staff();
    expect(dataOf(await t.gql(UPDATE, { input: { name: 'Anouk de Vries', language: 'en' } }, user.token)).updateUser).toMatchObject({ name: 'Anouk de Vries', language: 'en', role: 'STAFF' });
    expect(codeOf(await t.gql(UPDATE, { input: { role: 'ADMIN' } }, user.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(UPDATE, { input: { userId: school.admin.id, name: 'Overgenomen' } }, user.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(UPDATE, { input: { userId: user.id, role: 'ADMIN' } }, otherSchool.admin.token))).toBe('NOT_FOUND');

    expect(dataOf(await t.gql(UPDATE, { input: { userId: user.id, role: 'ADMIN' } }, school.admin.token)).updateUser.role).toBe('ADMIN');
    expect(codeOf(await t.gql(ME, {}, user.token))).toBe('UNAUTHENTICATED');
    expect(dataOf(await t.gql(ME, {}, await t.login(user.email, user.password))).me).toMatchObject({ role: 'ADMIN', name: 'Anouk de Vries' });
    expect(await t.count(`audit_log WHERE action = 'user.updated' AND entity_id = '${user.id}'`)).toBe(2);
  });

  it("deactivation ends her tokens at once and refuses her sign-in like a wrong password; reactivation lets her sign in again", async () => {
    const user = await staff();
    expect(codeOf(await t.gql(DEACTIVATE, { u: user.id }, school.staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DEACTIVATE, { u: user.id }, otherSchool.admin.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ME, {}, user.token))).toBeNull();

    expect(dataOf(await t.gql(DEACTIVATE, { u: user.id }, school.admin.token)).deactivateUser.deactivatedAt).toEqual(expect.any(String));
    expect(codeOf(await t.gql(ME, {}, user.token))).toBe('UNAUTHENTICATED');
    const refused = onlyError(await t.gql(LOGIN, { e: user.email, p: user.password }));
    const wrongPassword = onlyError(await t.gql(LOGIN, { e: school.staff.email, p: 'a wrong password entirely' }));
    expect(refused).toEqual(wrongPassword);

    expect(dataOf(await t.gql(REACTIVATE, { u: user.id }, school.admin.token)).reactivateUser.deactivatedAt).toBeNull();
    expect(codeOf(await t.gql(ME, {}, user.token))).toBe('UNAUTHENTICATED'); // her old sessions stay ended
    expect(await t.login(user.email, user.password)).toEqual(expect.any(String));
    const actions = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [user.id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual(['user.deactivated', 'user.reactivated', 'user.signed_in']);
  });

  it('a deactivated admin hears of nothing: her organization\'s notifications reach its active admins only', async () => {
    const club = await make.school();
    const away = await make.addUser(club.admin, 'ADMIN');
    expect(dataOf(await t.gql(DEACTIVATE, { u: away.id }, club.admin.token)).deactivateUser.deactivatedAt).toEqual(expect.any(String));
    const newcomer = await make.addUser(club.admin, 'STAFF');
    await t.eventsDispatched();
    const told = async (userId: string) =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND event_type = 'USER_ADDED' AND payload->>'userId' = $2`, [userId, newcomer.id]))[0].n;
    expect(await told(club.admin.id)).toBe(1);
    expect(await told(away.id)).toBe(0);
  });

  it('keeps one active admin: the last one can be neither deactivated nor demoted, a second one can', async () => {
    const alone = await make.school();
    expect(fieldOf(await t.gql(DEACTIVATE, { u: alone.admin.id }, alone.admin.token))).toMatchObject({ path: 'userId', rule: 'LAST_ACTIVE_ADMIN' });
    expect(fieldOf(await t.gql(UPDATE, { input: { role: 'STAFF' } }, alone.admin.token))).toMatchObject({ path: 'input.role', rule: 'LAST_ACTIVE_ADMIN' });
    expect(codeOf(await t.gql(ME, {}, alone.admin.token))).toBeNull();

    const second = await make.addUser(alone.admin, 'ADMIN');
    expect(dataOf(await t.gql(DEACTIVATE, { u: alone.admin.id }, second.token)).deactivateUser.deactivatedAt).toEqual(expect.any(String));
    expect(fieldOf(await t.gql(UPDATE, { input: { role: 'STAFF' } }, second.token))).toMatchObject({ path: 'input.role', rule: 'LAST_ACTIVE_ADMIN' });
    // A deactivated admin does not count: reactivated, she makes demotion possible again.
    expect(dataOf(await t.gql(REACTIVATE, { u: alone.admin.id }, second.token)).reactivateUser.deactivatedAt).toBeNull();
    expect(dataOf(await t.gql(UPDATE, { input: { role: 'STAFF' } }, second.token)).updateUser.role).toBe('STAFF');
  });
});
