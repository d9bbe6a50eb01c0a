import { Factories, type Role } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';

const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id crebo status grantedOn } }';
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { id status revocationReason } }';
const MY_BRANCHES = '{ me { organization { id branches { id name accreditations { id crebo status } } } } }';

describe('companies: branches, accreditations and trainers', () => {
  let t: TestApp;
  let branchId: string;
  /** A user of each role, in organizations of this file's own (the company's branch is `branchId`). */
  let as: Record<Role, string>;
  beforeAll(async () => {
    t = await TestApp.start();
    as = await new Factories(t).tokens();
    branchId = dataOf(await t.gql(MY_BRANCHES, {}, as.companyAdmin)).me.organization.branches[0].id;
  });
  afterAll(() => t.stop());

  it('lets only SBB grant and revoke accreditations (R1, R2), with an audit row for each', async () => {
    const input = { branchId, crebo: '25651', grantedOn: '2026-09-01' };
    for (const user of ['companyAdmin', 'schoolAdmin', 'platformAdmin'] as const) {
      expect(onlyError(await t.gql(GRANT, { input }, as[user])).extensions.code).toBe('FORBIDDEN');
    }
    const sbb = as.sbb;
    const granted = dataOf(await t.gql(GRANT, { input }, sbb)).grantAccreditation;
    expect(granted).toMatchObject({ crebo: '25651', status: 'ACTIVE', grantedOn: '2026-09-01' });
    expect(onlyError(await t.gql(GRANT, { input }, sbb)).extensions.code).toBe('CONFLICT');

    const revokeInput = { id: granted.id, reason: 'Discrimination established after investigation' };
    for (const user of ['companyAdmin', 'schoolStaff'] as const) {
      expect(onlyError(await t.gql(REVOKE, { input: revokeInput }, as[user])).extensions.code).toBe('FORBIDDEN');
    }
    expect(dataOf(await t.gql(REVOKE, { input: revokeInput }, sbb)).revokeAccreditation.status).toBe('REVOKED');
    expect(onlyError(await t.gql(REVOKE, { input: revokeInput }, sbb)).extensions.code).toBe('CONFLICT');

    const audit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1 ORDER BY id`, [granted.id]);
    expect(audit).toEqual([
      { action: 'accreditation.granted', actor_role: 'SBB' },
      { action: 'accreditation.revoked', actor_role: 'SBB' },
    ]);
    await expect(t.dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('refuses an invalid crebo or an unknown branch with the field named', async () => {
    const sbb = as.sbb;
    const crebo = onlyError(await t.gql(GRANT, { input: { branchId, crebo: '123456', grantedOn: '2026-09-01' } }, sbb));
    expect(crebo.extensions.fields).toEqual([expect.objectContaining({ path: 'input.crebo', rule: 'R4' })]);
    const branch = onlyError(
      await t.gql(GRANT, { input: { branchId: '00000000-0000-4000-8000-000000000000', crebo: '25651', grantedOn: '2026-09-01' } }, sbb),
    );
    expect(branch.extensions.fields).toEqual([expect.objectContaining({ path: 'input.branchId' })]);
  });

  it('lets a company admin add branches and trainers; other companies see no trainers or hidden addresses', async () => {
    const admin = as.companyAdmin;
    const branch = dataOf(
      await t.gql(
        'mutation($input: CreateBranchInput!) { createBranch(input: $input) { id pc4 address { postcode } } }',
        { input: { name: 'Opvang', street: 'Geheim', houseNumber: '1', postcode: '3521ab', city: 'Utrecht', addressHidden: true } },
        admin,
      ),
    ).createBranch;
    expect(branch).toMatchObject({ pc4: '3521', address: { postcode: '3521 AB' } });
    const trainer = dataOf(
      await t.gql(
        'mutation($input: CreateTrainerInput!) { createTrainer(input: $input) { id qualificationLevel } }',
        { input: { branchId: branch.id, name: 'Ilse Kok', qualificationLevel: 4, yearsOfExperience: 6, courseCompletedOn: '2025-01-10' } },
        admin,
      ),
    ).createTrainer;
    expect(trainer.qualificationLevel).toBe(4);

    const companyId = dataOf(await t.gql(MY_BRANCHES, {}, admin)).me.organization.id;
    const query = 'query($id: ID!) { organization(id: $id) { trainers { id } branches { id address { street } } } }';
    const asSchool = dataOf(await t.gql(query, { id: companyId }, as.schoolStaff)).organization;
    expect(asSchool.trainers).toBeNull();
    expect(asSchool.branches.find((b: { id: string }) => b.id === branch.id).address).toBeNull();
    const asSbb = dataOf(await t.gql(query, { id: companyId }, as.sbb)).organization;
    expect(asSbb.trainers.map((x: { id: string }) => x.id)).toContain(trainer.id);
    expect(asSbb.branches.find((b: { id: string }) => b.id === branch.id).address).toEqual({ street: 'Geheim' });
  });

  it('refuses a branch with an unknown postcode', async () => {
    const error = onlyError(
      await t.gql(
        'mutation($input: CreateBranchInput!) { createBranch(input: $input) { id } }',
        { input: { name: 'X', street: 'Y', houseNumber: '1', postcode: '1000 AA', city: 'Nergens', addressHidden: false } },
        as.companyAdmin,
      ),
    );
    expect(error.extensions.fields).toEqual([{ path: 'input.postcode', message: 'postcode 1000 bestaat niet' }]);
  });
});
