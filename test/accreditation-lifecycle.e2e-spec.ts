import { addDays, addYears } from '../src/common/calendar';
import { AccreditationLifecycleCheck } from '../src/modules/companies/jobs/accreditation-lifecycle.check';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { arrangeOpenProposals } from './support/placement-flow';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const ACCREDITATION = 'id crebo status grantedOn validUntil lastReviewedOn reviewDueOn lapsedOn lapseReason';
const GRANT = `mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { ${ACCREDITATION} } }`;
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { id status } }';
const REFUSE = 'mutation($input: RefuseAccreditationInput!) { refuseAccreditation(input: $input) { id branchId companyId crebo refusedOn reason reapplicableFrom } }';
const REFUSALS = 'query($f: AccreditationRefusalFilter) { accreditationRefusals(filter: $f, first: 50) { totalCount edges { node { id crebo refusedOn reapplicableFrom } } } }';
const REVIEW = `mutation($input: RecordAccreditationReviewInput!) { recordAccreditationReview(input: $input) { ${ACCREDITATION} } }`;
const LIST = `query($f: AccreditationFilter) { accreditations(filter: $f, first: 100) { edges { node { ${ACCREDITATION} branchId } } } }`;
const CREATE_BRANCH = 'mutation($input: CreateBranchInput!) { createBranch(input: $input) { id } }';
const CREATE_PLACEMENT = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }';
const PUBLISH = 'mutation($id: ID!) { publishPlacement(id: $id) { __typename ... on Placement { status complianceStatus } } }';
const ASSIGN = 'mutation($input: AssignTrainerInput!) { assignTrainer(input: $input) { __typename } }';
const PLACEMENT = `query($id: ID!) { placement(id: $id) { status complianceStatus complianceFindings { rule severity }
  complianceHistory(first: 5) { edges { node { trigger verdict } } } } }`;
const INBOX = '{ notifications(first: 100) { edges { node { eventType title body } } } }';

/** The day the daily check runs in these tests. */
const DAY = '2026-11-23';

describe('accreditation lifecycle (R3): refusals, four-yearly reviews, lapse after four years without students', () => {
  let t: TestApp;
  let make: Factories;
  /** The company under review: accredited at its first branch since 1 September 2020. */
  let company: MadeCompany;
  let otherCompany: MadeCompany;
  /** The school of the students placed or proposed at the company, and a school with none there. */
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let sbb: SignedIn;
  let companyId: string;
  let trainerId: string;
  type User = 'sbb' | 'companyAdmin' | 'companyStaff' | 'schoolAdmin' | 'otherSchoolAdmin';
  const tokenOf = (user: User) =>
    ({ sbb: sbb.token, companyAdmin: company.admin.token, companyStaff: company.staff.token, schoolAdmin: school.admin.token, otherSchoolAdmin: otherSchool.admin.token })[user];

  const branch = async (name: string): Promise<string> =>
    dataOf(
      await t.gql(CREATE_BRANCH, { input: { name, street: 'Oudegracht', houseNumber: '12', postcode: '3511 AB', city: 'Utrecht', addressHidden: false } }, company.admin.token),
    ).createBranch.id;
  const grant = async (input: Record<string, unknown>) => dataOf(await t.gql(GRANT, { input }, sbb.token)).grantAccreditation;
  const accreditation = async (id: string) =>
    dataOf(await t.gql(LIST, { f: { companyId } }, sbb.token)).accreditations.edges.map((edge: any) => edge.node).find((node: any) => node.id === id);
  const inbox = async (user: User, eventType: string, bodyContains: string): Promise<string[]> =>
    dataOf(await t.gql(INBOX, {}, tokenOf(user))).notifications.edges
      .map((edge: any) => edge.node)
      .filter((node: any) => node.eventType === eventType && node.body.includes(bodyContains))
      .map((node: any) => node.body);
  const outbox = async (type: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE type = $1`, [type]))[0].n;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [company, otherCompany, school, otherSchool, sbb] = await Promise.all([make.company({ grantedOn: '2020-09-01' }), make.company(), make.school(), make.school(), make.sbb()]);
    [companyId, trainerId] = [company.id, company.trainerId];
  });
  afterAll(() => t.stop());

  it('refuses a grant until six months after a refusal (R3): one day short is BAD_USER_INPUT and writes nothing, exactly six months is granted', async () => {
    const auditor = sbb.token;
    const branchId = await branch('Lifecycle Weigering');
    const input = { branchId, crebo: '25180', refusedOn: '2026-08-31', reason: 'Geen praktijkopleider aangesteld' };
    for (const user of ['companyAdmin', 'schoolAdmin'] as const) {
      expect(onlyError(await t.gql(REFUSE, { input }, tokenOf(user))).extensions.code).toBe('FORBIDDEN');
    }
    expect(onlyError(await t.gql(REFUSE, { input: { ...input, refusedOn: '2099-01-01' } }, auditor)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.refusedOn', rule: 'R3' }),
    ]);
    expect(await t.count('accreditation_refusals')).toBe(0);

    // 31 August + six months is 28 February (2027 is no leap year).
    const refusal = dataOf(await t.gql(REFUSE, { input }, auditor)).refuseAccreditation;
    expect(refusal).toMatchObject({ branchId, companyId, crebo: '25180', refusedOn: '2026-08-31', reapplicableFrom: '2027-02-28' });

    const written = async () => [await t.count('accreditations'), await t.count('audit_log'), await t.count('outbox')];
    const before = await written();
    const early = onlyError(await t.gql(GRANT, { input: { branchId, crebo: '25180', grantedOn: '2027-02-27' } }, auditor));
    expect(early.extensions.code).toBe('BAD_USER_INPUT');
    expect(early.extensions.fields).toEqual([{ path: 'input.grantedOn', rule: 'R3', message: expect.stringContaining('mogelijk vanaf 2027-02-28') }]);
    expect(await written()).toEqual(before);

    expect(await grant({ branchId, crebo: '25180', grantedOn: '2027-02-28' })).toMatchObject({ status: 'ACTIVE', grantedOn: '2027-02-28' });
    // Another crebo at the same branch was never refused.
    expect(await grant({ branchId, crebo: '25604', grantedOn: '2026-09-01' })).toMatchObject({ status: 'ACTIVE' });
    expect(onlyError(await t.gql(REFUSE, { input: { ...input, refusedOn: '2026-11-01' } }, auditor)).extensions.code).toBe('CONFLICT');

    const audit = await t.dataSource.query(`SELECT action, actor_role, after ->> 'reapplicableFrom' AS "from" FROM audit_log WHERE entity_id = $1`, [refusal.id]);
    expect(audit).toEqual([{ action: 'accreditation.refused', actor_role: 'SBB', from: '2027-02-28' }]);
  });

  it('lists refusals for SBB and for the company itself; another company or a school is FORBIDDEN', async () => {
    const brasserie = otherCompany.admin.token;
    const brasserieId = otherCompany.id;

    const all = dataOf(await t.gql(REFUSALS, { f: { companyId, crebo: '25180' } }, sbb.token)).accreditationRefusals;
    expect(all.totalCount).toBe(1);
    expect(all.edges[0].node).toMatchObject({ crebo: '25180', refusedOn: '2026-08-31', reapplicableFrom: '2027-02-28' });
    for (const user of ['companyAdmin', 'companyStaff'] as const) {
      expect(dataOf(await t.gql(REFUSALS, {}, tokenOf(user))).accreditationRefusals.totalCount).toBe(1);
    }
    expect(dataOf(await t.gql(REFUSALS, {}, brasserie)).accreditationRefusals.totalCount).toBe(0);
    expect(onlyError(await t.gql(REFUSALS, { f: { companyId } }, brasserie)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(REFUSALS, { f: { companyId: brasserieId } }, company.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(REFUSALS, {}, school.admin.token)).extensions.code).toBe('FORBIDDEN');
  });

  it('records the four-yearly review (R3): the due date moves; a future or earlier date is BAD_USER_INPUT, another role FORBIDDEN, a revoked one CONFLICT', async () => {
    const auditor = sbb.token;
    const branchId = await branch('Lifecycle Herbeoordeling');
    // Four years from 29 February 2024 is 29 February 2028 (a leap year).
    const granted = await grant({ branchId, crebo: '25655', grantedOn: '2024-02-29' });
    expect(granted).toMatchObject({ lastReviewedOn: '2024-02-29', reviewDueOn: '2028-02-29' });
    const dueBefore = async (date: string) =>
      dataOf(await t.gql(LIST, { f: { companyId, reviewDueBefore: date } }, auditor)).accreditations.edges.map((edge: any) => edge.node);
    const due = await dueBefore('2028-03-01');
    expect(due.map((node: any) => node.id)).toContain(granted.id);
    expect(due.every((node: any) => node.status === 'ACTIVE' && node.reviewDueOn < '2028-03-01')).toBe(true);
    expect(due.map((node: any) => node.reviewDueOn)).toEqual([...due.map((node: any) => node.reviewDueOn)].sort()); // most overdue first
    expect((await dueBefore('2028-02-29')).map((node: any) => node.id)).not.toContain(granted.id);

    for (const user of ['companyAdmin', 'schoolAdmin'] as const) {
      expect(onlyError(await t.gql(REVIEW, { input: { id: granted.id, reviewedOn: '2026-03-02' } }, tokenOf(user))).extensions.code).toBe('FORBIDDEN');
    }
    const audits = await t.count('audit_log');
    expect(onlyError(await t.gql(REVIEW, { input: { id: granted.id, reviewedOn: '2099-01-01' } }, auditor)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.reviewedOn', rule: 'R3', message: expect.stringContaining('toekomst') }),
    ]);
    expect(onlyError(await t.gql(REVIEW, { input: { id: granted.id, reviewedOn: '2024-02-28' } }, auditor)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.reviewedOn', rule: 'R3', message: expect.stringContaining('2024-02-29') }),
    ]);
    expect(await t.count('audit_log')).toBe(audits);
    expect(await accreditation(granted.id)).toMatchObject({ lastReviewedOn: '2024-02-29', reviewDueOn: '2028-02-29' });

    const reviewed = dataOf(await t.gql(REVIEW, { input: { id: granted.id, reviewedOn: '2026-03-02' } }, auditor)).recordAccreditationReview;
    expect(reviewed).toMatchObject({ status: 'ACTIVE', lastReviewedOn: '2026-03-02', reviewDueOn: '2030-03-02' });
    expect((await dueBefore('2028-03-01')).map((node: any) => node.id)).not.toContain(granted.id);
    const [audit] = await t.dataSource.query(
      `SELECT action, actor_role, before ->> 'lastReviewedOn' AS before, after ->> 'lastReviewedOn' AS after FROM audit_log WHERE entity_id = $1 AND action = 'accreditation.reviewed'`,
      [granted.id],
    );
    expect(audit).toEqual({ action: 'accreditation.reviewed', actor_role: 'SBB', before: '2024-02-29', after: '2026-03-02' });

    dataOf(await t.gql(REVOKE, { input: { id: granted.id, reason: 'Geen begeleiding meer' } }, auditor));
    expect(onlyError(await t.gql(REVIEW, { input: { id: granted.id, reviewedOn: '2026-03-03' } }, auditor)).extensions.code).toBe('CONFLICT');
    expect((await accreditation(granted.id)).reviewDueOn).toBeNull();
  });

  it('daily: lapses an accreditation four years without students (R3), suspends its placement and tells company, SBB and school (R2); one with a student three years ago stays', async () => {
    const admin = company.admin.token;
    // A student placed the real way at the branch accredited since 2020; her internship's dates are the
    // data of this case (three years ago), which no API can enter.
    const busyPlacement = await make.publishedPlacement(company);
    const { internshipId } = await make.internship(school, company, busyPlacement, { identity: { fullName: 'Sara Bouzid', dateOfBirth: '2007-03-12', email: 'sara@student.test' } });
    await t.dataSource.query(`UPDATE internships SET start_date = $2, end_date = $3, status = 'COMPLETED' WHERE id = $1`, [
      internshipId,
      addYears(DAY, -3),
      addDays(addYears(DAY, -3), 150),
    ]);
    const busy = dataOf(await t.gql(LIST, { f: { companyId } }, sbb.token)).accreditations.edges
      .map((edge: any) => edge.node)
      .find((node: any) => node.branchId === company.branchId && node.crebo === '25655').id;
    expect(await accreditation(busy)).toMatchObject({ status: 'ACTIVE', grantedOn: '2020-09-01' });

    // Granted four years and one day before the run, no student since; a published placement with a student assigned.
    const quietBranch = await branch('Lifecycle Stil');
    const quiet = await grant({ branchId: quietBranch, crebo: '25655', grantedOn: addDays(addYears(DAY, -4), -1) });
    // Granted exactly four years before the run: not yet "more than four years".
    const fresh = await grant({ branchId: await branch('Lifecycle Vers'), crebo: '25655', grantedOn: addYears(DAY, -4) });
    // SBB limited this one in time; it ended the day before the run.
    const limited = await grant({ branchId: quietBranch, crebo: '25604', grantedOn: '2025-01-01', validUntil: addDays(DAY, -1) });
    const placementId = dataOf(
      await t.gql(CREATE_PLACEMENT, {
        input: {
          branchId: quietBranch, trainerId, title: 'Verzorgende IG — Lifecycle Stil', description: 'Stage in de dagdienst', crebos: ['25655'], level: 3, leerweg: 'BOL',
          werkprocessen: ['zorgplan uitvoeren'], startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32, capacity: 2,
          stipendMonthlyCents: 40000, expenseAllowanceCents: 5000,
        },
      }, admin),
    ).createPlacement.id;
    expect(dataOf(await t.gql(PUBLISH, { id: placementId }, admin)).publishPlacement).toMatchObject({ status: 'PUBLISHED', complianceStatus: 'COMPLIANT' });
    const { id: utrechtStudent } = await make.student(school);
    await arrangeOpenProposals(t, placementId, [utrechtStudent]);
    expect(dataOf(await t.gql(ASSIGN, { input: { placementId, studentId: utrechtStudent } }, admin)).assignTrainer.__typename).toBe('TrainerAssignment');

    const check = t.app.get(AccreditationLifecycleCheck);
    await check.run(DAY);
    await check.run(DAY); // idempotent

    expect(await accreditation(quiet.id)).toMatchObject({ status: 'LAPSED', lapsedOn: DAY, lapseReason: 'NO_STUDENTS', reviewDueOn: null });
    expect(await accreditation(limited.id)).toMatchObject({ status: 'LAPSED', lapsedOn: DAY, lapseReason: 'VALIDITY_ENDED' });
    expect(await accreditation(busy)).toMatchObject({ status: 'ACTIVE', lapsedOn: null });
    expect(await accreditation(fresh.id)).toMatchObject({ status: 'ACTIVE', lapsedOn: null });
    expect(onlyError(await t.gql(REVIEW, { input: { id: quiet.id, reviewedOn: DAY } }, sbb.token)).extensions.code).toBe('CONFLICT');

    // R2's cascade: the placement R1 now blocks is suspended, audited as a system action.
    const placement = dataOf(await t.gql(PLACEMENT, { id: placementId }, admin)).placement;
    expect(placement).toMatchObject({ status: 'SUSPENDED', complianceStatus: 'SUSPENDED', complianceFindings: [{ rule: 'R1', severity: 'BLOCK' }] });
    expect(placement.complianceHistory.edges[0].node).toEqual({ trigger: 'ACCREDITATION_LAPSED', verdict: 'BLOCKED' });
    const audit = await t.dataSource.query(
      `SELECT action, actor_role, after ->> 'status' AS status, after ->> 'trigger' AS trigger FROM audit_log WHERE entity_id = ANY($1) AND action IN ('accreditation.lapsed', 'placement.suspended') ORDER BY action, entity_id`,
      [[quiet.id, placementId]],
    );
    expect(audit).toEqual([
      { action: 'accreditation.lapsed', actor_role: 'SYSTEM', status: 'LAPSED', trigger: null },
      { action: 'placement.suspended', actor_role: 'SYSTEM', status: null, trigger: 'ACCREDITATION_LAPSED' },
    ]);
    expect(await outbox('ACCREDITATION_LAPSED')).toBe(2);

    // The company's admins and everyone at SBB hear of each lapse; company staff do not.
    await eventually(async () => (await inbox('sbb', 'ACCREDITATION_LAPSED', 'Lifecycle Stil')).length === 2);
    const told = await eventually(async () => {
      const bodies = await inbox('companyAdmin', 'ACCREDITATION_LAPSED', 'Lifecycle Stil');
      return bodies.length === 2 ? bodies : null;
    });
    expect(told).toEqual(
      expect.arrayContaining([expect.stringContaining('vier jaar lang is er geen student begonnen (R3)'), expect.stringContaining(`liep tot ${addDays(DAY, -1)}`)]),
    );
    // The suspension reaches the company and the school with a student there; another school hears nothing.
    await eventually(async () => (await inbox('schoolAdmin', 'PLACEMENT_SUSPENDED', 'Lifecycle Stil')).length === 1);
    await eventually(async () => (await inbox('companyStaff', 'PLACEMENT_SUSPENDED', 'Lifecycle Stil')).length === 1);
    expect(await inbox('companyStaff', 'ACCREDITATION_LAPSED', 'Lifecycle Stil')).toEqual([]);
    expect(await inbox('otherSchoolAdmin', 'PLACEMENT_SUSPENDED', 'Lifecycle Stil')).toEqual([]);
  });

  it('daily: announces a review due within 30 days to SBB and the company admins once per review cycle (R3)', async () => {
    const auditor = sbb.token;
    const check = t.app.get(AccreditationLifecycleCheck);
    // Reviewed (granted) on 10 December 2022: due 10 December 2026, 17 days after the run.
    const dueSoon = await grant({ branchId: await branch('Lifecycle Termijn'), crebo: '25655', grantedOn: '2022-12-10' });
    expect(dueSoon.reviewDueOn).toBe('2026-12-10');
    const before = await outbox('ACCREDITATION_REVIEW_DUE');

    await check.run(DAY);
    await check.run(DAY);
    await check.run(addDays(DAY, 1));
    expect(await outbox('ACCREDITATION_REVIEW_DUE')).toBe(before + 1);
    const [{ sent }] = await t.dataSource.query('SELECT review_notice_sent_for::text AS sent FROM accreditations WHERE id = $1', [dueSoon.id]);
    expect(sent).toBe('2026-12-10');

    const bodies = await eventually(async () => {
      const found = await inbox('sbb', 'ACCREDITATION_REVIEW_DUE', 'Lifecycle Termijn');
      return found.length ? found : null;
    });
    expect(bodies).toEqual([expect.stringContaining('uiterlijk 2026-12-10')]);
    await eventually(async () => (await inbox('companyAdmin', 'ACCREDITATION_REVIEW_DUE', 'Lifecycle Termijn')).length === 1);
    expect(await inbox('companyStaff', 'ACCREDITATION_REVIEW_DUE', 'Lifecycle Termijn')).toEqual([]);

    // The review starts a new cycle, due four years on: nothing more to announce now.
    const reviewed = dataOf(await t.gql(REVIEW, { input: { id: dueSoon.id, reviewedOn: '2026-11-20' } }, auditor)).recordAccreditationReview;
    expect(reviewed.reviewDueOn).toBe('2030-11-20');
    await check.run(addDays(DAY, 2));
    expect(await outbox('ACCREDITATION_REVIEW_DUE')).toBe(before + 1);
    // An overdue review is announced too, once, even when first seen long after its due date.
    await t.dataSource.query(`UPDATE accreditations SET last_reviewed_on = '2021-01-04' WHERE id = $1`, [dueSoon.id]);
    await check.run(addDays(DAY, 3));
    await check.run(addDays(DAY, 4));
    expect(await outbox('ACCREDITATION_REVIEW_DUE')).toBe(before + 2);
  });
});
