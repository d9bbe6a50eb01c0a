import jwt from 'jsonwebtoken';
import { loadEnvironment } from '../src/config/environment';
import { Factories, type MadeSchool, type Role } from './support/factories';
import { onlyError, TestApp } from './support/test-app';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { email role organization { name type } } } }';
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id name type brinCode kvkNumber sector } }`;
const ADD_USER = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id email role status } }';

describe('organizations, users and login', () => {
  let t: TestApp;
  /** A school of this test's own (its admin and a staff member), another school, and a token per role. */
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    [school, otherSchool, tokens] = await Promise.all([make.school(), make.school(), make.tokens()]);
  });
  afterAll(() => t.stop());

  it('signs a user in and answers me with their organization', async () => {
    const { data } = await t.gql(LOGIN, { e: school.staff.email, p: school.staff.password });
    expect(data?.login.user).toEqual({
      email: school.staff.email,
      role: 'STAFF',
      organization: { name: school.name, type: 'SCHOOL' },
    });
    const me = await t.gql('{ me { email organization { brinCode } } }', {}, data!.login.token);
    expect(me.data?.me).toEqual({ email: school.staff.email, organization: { brinCode: school.brinCode } });
    const signIns = await t.dataSource.query(`SELECT after FROM audit_log WHERE action = 'user.signed_in' AND entity_id = $1`, [school.staff.id]);
    expect(signIns.at(-1)).toEqual({ after: { method: 'password' } });
  });

  it('gives the same UNAUTHENTICATED answer for a wrong password and an unknown e-mail', async () => {
    const wrongPassword = onlyError(await t.gql(LOGIN, { e: school.staff.email, p: 'not-the-password' }));
    const unknownEmail = onlyError(await t.gql(LOGIN, { e: 'nobody@nowhere.test', p: school.staff.password }));
    expect(wrongPassword.extensions.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('refuses anonymous requests, forged and expired tokens with UNAUTHENTICATED', async () => {
    const { JWT_SECRET } = loadEnvironment();
    const userId = school.staff.id;
    const expired = jwt.sign({}, JWT_SECRET, { subject: userId, issuer: 'stagematch', expiresIn: -10 });
    const forged = jwt.sign({}, 'another-secret-that-is-long-enough-to-sign', { subject: userId, issuer: 'stagematch' });
    for (const token of [undefined, expired, forged, 'garbage']) {
      const error = onlyError(await t.gql('{ me { id } }', {}, token));
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('createOrganization has no password for the first admin: a `password` field is BAD_USER_INPUT and nothing is written (issue #15)', async () => {
    const input = { type: 'SCHOOL', name: 'Graafschap College (test)', brinCode: '02MA', firstAdmin: { email: 'beheer@graafschap.test', name: 'Beheer', password: 'correct horse battery' } };
    const refused = onlyError(await t.gql(CREATE_ORGANIZATION, { input }, tokens.platformAdmin));
    expect(refused.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/"password" is not defined by type "FirstAdminInput"/);
    expect(await t.count(`organizations WHERE brin_code = '02MA'`)).toBe(0);
    expect(await t.count(`invitations WHERE email = 'beheer@graafschap.test'`)).toBe(0);

    const { password: _, ...firstAdmin } = input.firstAdmin;
    const { data } = await t.gql(CREATE_ORGANIZATION, { input: { ...input, firstAdmin } }, tokens.platformAdmin);
    expect(data?.createOrganization).toMatchObject({ type: 'SCHOOL', brinCode: '02MA', kvkNumber: null });
    expect(await t.count(`users WHERE email = 'beheer@graafschap.test'`)).toBe(0);
  });

  it('refuses invalid organization input with the field paths, and writes nothing', async () => {
    const admin = tokens.platformAdmin;
    const before = await t.count('organizations');
    const error = onlyError(
      await t.gql(
        CREATE_ORGANIZATION,
        {
          input: {
            type: 'COMPANY',
            name: 'x'.repeat(201),
            kvkNumber: '123',
            firstAdmin: { email: 'not-an-email', name: 'A' },
          },
        },
        admin,
      ),
    );
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields!.map((field) => field.path).sort()).toEqual([
      'input.firstAdmin.email',
      'input.kvkNumber',
      'input.name',
    ]);
    const missingSector = onlyError(
      await t.gql(
        CREATE_ORGANIZATION,
        { input: { type: 'COMPANY', name: 'Bedrijf', kvkNumber: '12345678', firstAdmin: { email: 'a@b.test', name: 'A' } } },
        admin,
      ),
    );
    expect(missingSector.extensions.fields).toEqual([{ path: 'input.sector', message: 'voor een COMPANY is de SBB-sector nodig' }]);
    expect(await t.count('organizations')).toBe(before);
    expect(await t.count('users WHERE email = \'a@b.test\'')).toBe(0);
    expect(await t.count('invitations WHERE email = \'a@b.test\'')).toBe(0);
  });

  it('only PLATFORM admins create organizations', async () => {
    for (const user of ['schoolAdmin', 'companyAdmin', 'sbb'] as const) {
      const error = onlyError(
        await t.gql(CREATE_ORGANIZATION, { input: { type: 'SBB', name: 'X', firstAdmin: { email: `${user}@x.test`, name: 'X' } } }, tokens[user]),
      );
      expect(error.extensions.code).toBe('FORBIDDEN');
    }
  });

  it('lets an organization admin invite users to their own organization only; staff cannot', async () => {
    const schoolAdmin = school.admin.token;
    const input = { email: 'mentor@school.test', name: 'Mentor', role: 'STAFF' };
    const { data } = await t.gql(ADD_USER, { input }, schoolAdmin);
    expect(data?.inviteUser).toMatchObject({ email: 'mentor@school.test', role: 'STAFF', status: 'OPEN' });

    const taken = onlyError(await t.gql(ADD_USER, { input: { ...input, email: school.staff.email } }, schoolAdmin));
    expect(taken.extensions.fields).toEqual([{ path: 'input.email', message: 'dit adres kan niet voor een nieuw account worden gebruikt; kies een ander adres of neem contact op met support' }]);

    const staff = onlyError(await t.gql(ADD_USER, { input: { ...input, email: 'other@school.test' } }, school.staff.token));
    expect(staff.extensions.code).toBe('FORBIDDEN');
  });

  it("shows an organization's users to its own admins, not to another organization", async () => {
    const query = 'query($id: ID!) { organization(id: $id) { users { totalCount edges { node { email } } } } }';
    const own = await t.gql(query, { id: school.id }, school.admin.token);
    expect(own.data?.organization.users.edges.map((edge: { node: { email: string } }) => edge.node.email)).toContain(school.staff.email);
    const other = onlyError(await t.gql(query, { id: school.id }, otherSchool.admin.token));
    expect(other.extensions.code).toBe('FORBIDDEN');
  });
});
