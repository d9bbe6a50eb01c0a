import { registerRuleForTest } from '../src/modules/compliance/rules';
import { Factories, GRONINGEN, type MadeCompany, type MadeSchool } from './support/factories';
import { validPlacement } from './support/fixtures';
import { arrangeOpenProposals } from './support/placement-flow';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id status complianceStatus } }';
const RESULT = `__typename
  ... on Placement { id status complianceStatus stipendMonthlyCents complianceFindings { rule severity field message details } }
  ... on ComplianceRejection { code message rules normSetVersion findings { rule severity field message details } }`;
const PUBLISH = `mutation($id: ID!) { publishPlacement(id: $id) { ${RESULT} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePlacementInput!) { updatePlacement(id: $id, input: $input) { ${RESULT} } }`;
const READ = `query($id: ID!) { placement(id: $id) { status complianceStatus normSetVersion stipendMonthlyCents
  complianceFindings { rule severity field } complianceHistory(first: 20) { edges { node { trigger verdict normSetVersion findings { rule } } } } } }`;
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { id status } }';
const INBOX = '{ notifications(first: 50) { edges { node { eventType title } } } }';
const ASSIGN = `mutation($input: AssignTrainerInput!) { assignTrainer(input: $input) {
  __typename ... on TrainerAssignment { id trainerId } ... on ComplianceRejection { rules findings { rule details } } } }`;
const NORM_SET = 'mutation($input: CreateNormSetInput!) { createNormSet(input: $input) { id version effectiveFrom norms { stipendFloorCentsPerMonth } } }';
const OVERVIEW = `query($filter: ComplianceOverviewFilter) { complianceOverview(filter: $filter) {
  placements byStatus { status placements } mostViolatedRules { rule placements }
  stipends { placements medianMonthlyCents medianFullTimeCents shareBelowFloor shareWithoutStipend } trainerLoad { students trainers } } }`;

describe('compliance: Stagepact rules at the point of entry, re-evaluation and SBB reports', () => {
  let t: TestApp;
  let make: Factories;
  let company: MadeCompany;
  /** A second accredited branch of the company in Utrecht. */
  let secondBranch: string;
  /** Another company (in Groningen, with one PUBLISHED placement), the school whose student the company takes, a school without one. */
  let elsewhere: MadeCompany;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let sbb: string;
  let companyId: string;
  let branchId: string;
  let trainerId: string;
  const placement = (change: Record<string, unknown> = {}) => validPlacement(branchId, trainerId, change);
  const draft = async (change: Record<string, unknown> = {}) =>
    dataOf(await t.gql(CREATE, { input: placement(change) }, company.admin.token)).createPlacement.id as string;
  const studentIds = async (count: number): Promise<string[]> => Promise.all(Array.from({ length: count }, async () => (await make.student(school)).id));

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [company, elsewhere, school, otherSchool] = await Promise.all([make.company(), make.company({ location: GRONINGEN }), make.school(), make.school()]);
    sbb = (await make.sbb()).token;
    [companyId, branchId, trainerId] = [company.id, company.branchId, company.trainerId];
    secondBranch = await make.branch(company);
    await make.publishedPlacement(elsewhere);
  }, 120_000);
  afterAll(() => t.stop());

  it('rejects a stipend one cent below the floor (R15) naming the field and the amount, publishes after the fix, and suspends and notifies on revocation (R2)', async () => {
    const admin = company.admin.token;
    const id = await draft({ stipendMonthlyCents: 31999 });

    const rejected = dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement;
    expect(rejected).toMatchObject({ __typename: 'ComplianceRejection', code: 'COMPLIANCE_REJECTED', rules: ['R15'], normSetVersion: 1 });
    expect(rejected.findings).toEqual([
      expect.objectContaining({ rule: 'R15', severity: 'BLOCK', field: 'stipendMonthlyCents', details: { floorCents: 32000, shortCents: 1 } }),
    ]);
    expect(rejected.message).toContain('€320.00');
    expect(dataOf(await t.gql(READ, { id }, admin)).placement).toMatchObject({ status: 'DRAFT', complianceStatus: 'BLOCKED' });

    const fixed = dataOf(await t.gql(UPDATE, { id, input: { stipendMonthlyCents: 32000 } }, admin)).updatePlacement;
    expect(fixed).toMatchObject({ __typename: 'Placement', status: 'DRAFT', complianceStatus: 'COMPLIANT', complianceFindings: [] });
    expect(dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement).toMatchObject({ __typename: 'Placement', status: 'PUBLISHED' });
    const { id: utrechtStudent } = await make.student(school);
    await arrangeOpenProposals(t, id, [utrechtStudent]);
    expect(dataOf(await t.gql(ASSIGN, { input: { placementId: id, studentId: utrechtStudent } }, admin)).assignTrainer.__typename).toBe('TrainerAssignment');

    const [accreditation] = dataOf(
      await t.gql('query($f: AccreditationFilter) { accreditations(filter: $f, first: 50) { edges { node { id branchId } } } }', {
        f: { companyId, crebo: '25655', status: 'ACTIVE' },
      }, admin),
    ).accreditations.edges.map((edge: any) => edge.node).filter((node: any) => node.branchId === branchId);
    dataOf(await t.gql(REVOKE, { input: { id: accreditation.id, reason: 'Begeleiding ontbreekt' } }, sbb));

    const suspended = dataOf(await t.gql(READ, { id }, admin)).placement;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', complianceStatus: 'SUSPENDED', complianceFindings: [{ rule: 'R1', severity: 'BLOCK', field: 'crebos' }] });
    expect(suspended.complianceHistory.edges.map((edge: any) => [edge.node.trigger, edge.node.verdict])).toEqual([
      ['ACCREDITATION_REVOKED', 'BLOCKED'],
      ['PUBLISH', 'COMPLIANT'],
      ['UPDATED', 'COMPLIANT'],
      ['PUBLISH', 'BLOCKED'],
      ['CREATED', 'BLOCKED'],
    ]);
    const search = 'query { placements(filter: { crebo: "25655" }, first: 100) { edges { node { id } } } }';
    expect(dataOf(await t.gql(search, {}, school.staff.token)).placements.edges.map((edge: any) => edge.node.id)).not.toContain(id);

    const inbox = await eventually(async () => {
      const nodes = dataOf(await t.gql(INBOX, {}, admin)).notifications.edges.map((edge: any) => edge.node);
      return nodes.some((node: any) => node.eventType === 'PLACEMENT_SUSPENDED' && node.title.includes('avonddienst')) ? nodes : null;
    });
    expect(inbox.filter((node: any) => node.eventType === 'PLACEMENT_SUSPENDED' && node.title.includes('avonddienst'))).toHaveLength(1);
    // R2: the school of the student placed there hears of it too; a school without one does not.
    const suspensionsFor = async (of: MadeSchool) =>
      dataOf(await t.gql(INBOX, {}, of.admin.token)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'PLACEMENT_SUSPENDED' && edge.node.title.includes('avonddienst'),
      ).length;
    await eventually(async () => (await suspensionsFor(school)) === 1);
    expect(await suspensionsFor(otherSchool)).toBe(0);

    const audit = dataOf(
      await t.gql('query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node { action actorRole after } } } }', {
        f: { entityType: 'placement', entityId: id },
      }, sbb),
    ).auditLog.edges.map((edge: any) => edge.node);
    expect(audit.map((entry: any) => entry.action)).toEqual(['placement.suspended', 'placement.published', 'placement.updated', 'placement.created']);
    expect(audit[0]).toMatchObject({ actorRole: 'SBB', after: { trigger: 'ACCREDITATION_REVOKED', rules: ['R1'] } });
  });

  it('stores and shows WARN findings without blocking: a BOL placement above 32 hours a week (R12)', async () => {
    const admin = company.admin.token;
    const id = await draft({ hoursPerWeek: 36, daysPerWeek: 5, stipendMonthlyCents: 36000, branchId: secondBranch });
    const published = dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement;
    expect(published).toMatchObject({ __typename: 'Placement', status: 'PUBLISHED', complianceStatus: 'WARNINGS' });
    expect(published.complianceFindings).toEqual([expect.objectContaining({ rule: 'R12', severity: 'WARN', field: 'hoursPerWeek' })]);
  });

  it('refuses to edit a published placement into a BLOCK finding and writes nothing', async () => {
    const admin = company.admin.token;
    const id = await draft({ branchId: secondBranch });
    dataOf(await t.gql(PUBLISH, { id }, admin));
    const evaluations = await t.count('compliance_evaluations');
    const audits = await t.count('audit_log');

    const result = dataOf(await t.gql(UPDATE, { id, input: { stipendMonthlyCents: 10000 } }, admin)).updatePlacement;
    expect(result).toMatchObject({ __typename: 'ComplianceRejection', rules: ['R15'] });
    expect(dataOf(await t.gql(READ, { id }, admin)).placement).toMatchObject({ status: 'PUBLISHED', complianceStatus: 'COMPLIANT', stipendMonthlyCents: 32000 });
    expect([await t.count('compliance_evaluations'), await t.count('audit_log')]).toEqual([evaluations, audits]);
  });

  it("keeps a company's findings from other companies and schools (FORBIDDEN); SBB reads them", async () => {
    const id = await draft({ branchId: secondBranch });
    const brasserie = elsewhere.admin.token;
    const findings = 'query($id: ID!) { placement(id: $id) { complianceFindings { rule } } }';
    dataOf(await t.gql(PUBLISH, { id }, company.admin.token));
    expect(onlyError(await t.gql(findings, { id }, brasserie)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(findings, { id }, school.staff.token)).extensions.code).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(findings, { id }, sbb)).placement.complianceFindings).toEqual([]);

    const profile = 'query($c: ID!) { companyCompliance(companyId: $c) { companyId overview { placements } history(first: 5) { totalCount } } }';
    expect(onlyError(await t.gql(profile, { c: companyId }, brasserie)).extensions.code).toBe('FORBIDDEN');
    const own = dataOf(await t.gql(profile, { c: companyId }, company.admin.token)).companyCompliance;
    // Its placements published so far: the R15 case's (suspended since), the R12 one, the edited one and this one.
    expect(own.overview.placements).toBe(4);
    expect(own.history.totalCount).toBeGreaterThan(0);
    for (const token of [company.admin.token, school.admin.token]) {
      expect(onlyError(await t.gql(OVERVIEW, {}, token)).extensions.code).toBe('FORBIDDEN');
      expect(onlyError(await t.gql('{ auditLog { totalCount } }', {}, token)).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('lets exactly one of 20 concurrent confirmations take the last free slot of a praktijkopleider; R6 counts her internships, not reservations', async () => {
    // A company of its own: the first test revoked this file's company's accreditation (R2).
    const company = await make.company();
    const admin = company.admin.token;
    const draft = async (change: Record<string, unknown> = {}) =>
      dataOf(await t.gql(CREATE, { input: validPlacement(company.branchId, company.trainerId, change) }, admin)).createPlacement.id as string;
    const trainer = dataOf(
      await t.gql('mutation($input: CreateTrainerInput!) { createTrainer(input: $input) { id } }', {
        input: { name: 'Noor Bakker', qualificationLevel: 4, yearsOfExperience: 6, courseCompletedOn: '2025-01-15' },
      }, admin),
    ).createTrainer.id;
    // Reserved for three students whose proposals are still open: no internship yet, so R6 counts none of them.
    const id = await draft({ trainerId: trainer, capacity: 30 });
    const reserved = await studentIds(3);
    await arrangeOpenProposals(t, id, reserved);
    for (const studentId of reserved) {
      expect(dataOf(await t.gql(ASSIGN, { input: { placementId: id, studentId } }, admin)).assignTrainer.__typename).toBe('TrainerAssignment');
    }
    const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on ComplianceRejection { rules findings { rule details } } } }';
    for (let n = 0; n < 2; n += 1) {
      const { registrationId } = await make.registration(school, company, { trainerId: trainer });
      expect(dataOf(await t.gql(CONFIRM, { id: registrationId }, admin)).confirmInternship.__typename).toBe('Internship');
    }

    const registrations = await Promise.all(Array.from({ length: 20 }, () => make.registration(school, company, { trainerId: trainer })));
    const results = await Promise.all(registrations.map(async ({ registrationId }) => dataOf(await t.gql(CONFIRM, { id: registrationId }, admin)).confirmInternship));
    expect(results.filter((result) => result.__typename === 'Internship')).toHaveLength(1);
    const refused = results.filter((result) => result.__typename === 'ComplianceRejection');
    expect(refused).toHaveLength(19);
    expect(refused[0]).toMatchObject({ rules: ['R6'], findings: [{ rule: 'R6', details: { activeStudents: 3, limit: 3 } }] });
    const [{ guided }] = await t.dataSource.query('SELECT count(*)::int AS guided FROM trainer_assignments WHERE trainer_id = $1 AND ended_at IS NULL AND internship_id IS NOT NULL', [trainer]);
    expect(guided).toBe(3);
  });

  it('gives SBB the overview: statuses, most violated rules, stipends and trainer load, filtered by region and period', async () => {
    // What the cases above published (drafts are not counted): the Groningen company's placement, the
    // R15 case's (suspended by the revocation, R1 broken since), the R12 one (WARN), the edited one and
    // the one whose findings others may not read; all BOL at 32 h and €320 a month (€400 at 40 h), each
    // guided by its company's one trainer, who has no student yet; and the R6 case's trainer, whose
    // three internships have not begun, so she guides no student today either.
    const all = dataOf(await t.gql(OVERVIEW, {}, sbb)).complianceOverview;
    expect(all).toEqual({
      placements: 5,
      byStatus: [
        { status: 'COMPLIANT', placements: 3 },
        { status: 'WARNINGS', placements: 1 },
        { status: 'SUSPENDED', placements: 1 },
      ],
      mostViolatedRules: [
        { rule: 'R1', placements: 1 },
        { rule: 'R12', placements: 1 },
      ],
      stipends: { placements: 5, medianMonthlyCents: 32000, medianFullTimeCents: 40000, shareBelowFloor: 0, shareWithoutStipend: 0 },
      trainerLoad: [{ students: 0, trainers: 3 }],
    });

    const groningen = dataOf(await t.gql(OVERVIEW, { filter: { region: 'Groningen' } }, sbb)).complianceOverview;
    expect(groningen).toEqual({
      placements: 1,
      byStatus: [{ status: 'COMPLIANT', placements: 1 }],
      mostViolatedRules: [],
      stipends: { placements: 1, medianMonthlyCents: 32000, medianFullTimeCents: 40000, shareBelowFloor: 0, shareWithoutStipend: 0 },
      trainerLoad: [{ students: 0, trainers: 1 }],
    });
    const none = dataOf(await t.gql(OVERVIEW, { filter: { from: '2030-01-01' } }, sbb)).complianceOverview;
    expect(none).toMatchObject({ placements: 0, byStatus: [], stipends: { placements: 0, medianMonthlyCents: null } });

    expect(onlyError(await t.gql(OVERVIEW, { filter: { region: 'Atlantis' } }, sbb)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'filter.region' }),
    ]);
    expect(onlyError(await t.gql(OVERVIEW, { filter: { from: '2027-02-01', to: '2027-01-01' } }, sbb)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'filter.to' }),
    ]);
  });

  it.each([
    ['a negative amount', { effectiveFrom: '2027-08-01', note: 'Nieuwe norm', norms: { stipendFloorCentsPerMonth: -1 } }, 'input.norms.stipendFloorCentsPerMonth', 'R15'],
    ['an effective date overlapping version 1', { effectiveFrom: '2023-09-01', note: 'Nieuwe norm', norms: {} }, 'input.effectiveFrom', undefined],
    ['an unknown rule id', { effectiveFrom: '2027-08-01', note: 'Nieuwe norm', norms: { severities: [{ rule: 'R99', severity: 'WARN' }] } }, 'input.norms.severities.0.rule', undefined],
  ])('refuses a norm set with %s (BAD_USER_INPUT) and stores nothing', async (_name, input, path, rule) => {
    const error = onlyError(await t.gql(NORM_SET, { input }, sbb));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path, ...(rule ? { rule } : {}) })]);
    expect(await t.count('norm_sets')).toBe(1);
  });

  it('blocks by a new BLOCK rule evaluated against the stored version 1, which names no severity for it (registry default)', async () => {
    const admin = company.admin.token;
    // An earlier case revoked the branch's accreditation (R2); accredit it again so only the new rule can block.
    const active = dataOf(
      await t.gql('query($f: AccreditationFilter) { accreditations(filter: $f, first: 50) { edges { node { branchId } } } }', { f: { companyId, crebo: '25655', status: 'ACTIVE' } }, admin),
    ).accreditations.edges.filter((edge: any) => edge.node.branchId === branchId);
    if (!active.length) {
      const grant = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
      dataOf(await t.gql(grant, { input: { branchId, crebo: '25655', grantedOn: '2026-01-05' } }, sbb));
    }
    const id = await draft();
    const [{ norms }] = await t.dataSource.query<{ norms: { severities: Record<string, string> } }[]>('SELECT norms FROM norm_sets WHERE version = 1');
    expect(norms.severities).not.toHaveProperty('R90');
    const unregister = registerRuleForTest(
      { id: 'R90', evaluate: ({ placement }) => (placement.companyId === companyId ? [{ field: 'crebos', message: 'a rule added after version 1' }] : []) },
      'BLOCK',
    );
    try {
      const rejected = dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement;
      expect(rejected).toMatchObject({ __typename: 'ComplianceRejection', rules: ['R90'], normSetVersion: 1 });
      expect(rejected.findings).toEqual([expect.objectContaining({ rule: 'R90', severity: 'BLOCK', field: 'crebos' })]);
      expect(dataOf(await t.gql(READ, { id }, admin)).placement).toMatchObject({ status: 'DRAFT', complianceStatus: 'BLOCKED' });
    } finally {
      unregister();
    }
    expect(dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement).toMatchObject({ __typename: 'Placement', status: 'PUBLISHED' });
  });

  it('lets only SBB add a norm-set version; the placements it governs are re-evaluated and suspended where it now blocks', async () => {
    const input = { effectiveFrom: '2027-01-01', note: 'Stipendium omhoog naar €450 bij 40 uur', norms: { stipendFloorCentsPerMonth: 45000 } };
    expect(onlyError(await t.gql(NORM_SET, { input }, company.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(await t.count('norm_sets')).toBe(1);

    const id = await draft({ branchId: secondBranch });
    dataOf(await t.gql(PUBLISH, { id }, company.admin.token));
    const created = dataOf(await t.gql(NORM_SET, { input }, sbb)).createNormSet;
    expect(created).toMatchObject({ version: 2, effectiveFrom: '2027-01-01', norms: { stipendFloorCentsPerMonth: 45000 } });

    // 32 h at €450 for 40 h is €360 a month: the €320 placement starting 2027-02-01 no longer complies.
    const placementNow = await eventually(async () => {
      const read = dataOf(await t.gql(READ, { id }, company.admin.token)).placement;
      return read.status === 'SUSPENDED' ? read : null;
    });
    expect(placementNow).toMatchObject({ complianceStatus: 'SUSPENDED', normSetVersion: 2, complianceFindings: [{ rule: 'R15' }] });
    expect(placementNow.complianceHistory.edges[0].node).toMatchObject({ trigger: 'NORM_SET', verdict: 'BLOCKED', normSetVersion: 2 });
  });

  it('finds R16 against the company’s published placements for the same crebo and hours at another level, and only those', async () => {
    const employer = await make.company();
    const admin = employer.admin.token;
    await make.publishedPlacement(employer, { level: 4, stipendMonthlyCents: 45000 });
    // Not compared: a draft, other hours, and the same level paying even more.
    dataOf(await t.gql(CREATE, { input: validPlacement(employer.branchId, employer.trainerId, { level: 2, stipendMonthlyCents: 60000 }) }, admin)).createPlacement;
    await make.publishedPlacement(employer, { level: 2, hoursPerWeek: 24, daysPerWeek: 3, stipendMonthlyCents: 60000 });
    await make.publishedPlacement(employer, { level: 3, stipendMonthlyCents: 50000 });
    // Another company's richer placement is not this company's sibling.
    await make.publishedPlacement(elsewhere, { level: 2, stipendMonthlyCents: 70000 });

    const published = async (change: Record<string, unknown>) => {
      const input = validPlacement(employer.branchId, employer.trainerId, change);
      const { id } = dataOf(await t.gql(CREATE, { input }, admin)).createPlacement;
      return dataOf(await t.gql(PUBLISH, { id }, admin)).publishPlacement;
    };
    const poorer = await published({ level: 3, stipendMonthlyCents: 40000 });
    expect(poorer).toMatchObject({ __typename: 'Placement', status: 'PUBLISHED', complianceStatus: 'WARNINGS' });
    expect(poorer.complianceFindings).toEqual([expect.objectContaining({ rule: 'R16', severity: 'WARN', field: 'stipendMonthlyCents', details: { levels: [4] } })]);
    const equal = await published({ level: 2, stipendMonthlyCents: 50000 });
    expect(equal).toMatchObject({ __typename: 'Placement', complianceStatus: 'COMPLIANT', complianceFindings: [] });
  });

  it('gives the exact full-time median, rounded half up: €400.00 and €400.04 at 32 h are €500.00 and €500.05 full time, median €500.025 → €500.03', async () => {
    const employer = await make.company();
    await make.publishedPlacement(employer, { stipendMonthlyCents: 40000 });
    await make.publishedPlacement(employer, { stipendMonthlyCents: 40004 });
    const { stipends } = dataOf(await t.gql(OVERVIEW, { filter: { companyId: employer.id } }, sbb)).complianceOverview;
    expect(stipends).toEqual({ placements: 2, medianMonthlyCents: 40000, medianFullTimeCents: 50003, shareBelowFloor: 0, shareWithoutStipend: 0 });
  });
});
