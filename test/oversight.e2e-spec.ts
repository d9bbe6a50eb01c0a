import { AttributeCipher } from '../src/modules/oversight/attribute-cipher';
import { Factories, type MadeSchool, type Role } from './support/factories';
import { validStudent } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

const RECORD = 'mutation($s: ID!, $input: ProtectedAttributesInput!) { recordProtectedAttributes(studentId: $s, input: $input) }';
const WITHDRAW = 'mutation($s: ID!) { withdrawProtectedAttributesConsent(studentId: $s) }';

describe('protected attributes (R24)', () => {
  let t: TestApp;
  let studentId: string;
  /** The school's staff (her school), another school's admin, and the roles that may not record at all. */
  let staff: string;
  let otherSchool: string;
  let tokens: Record<Role, string>;
  const answers = { consent: true, consentGivenOn: '2026-11-02', migrationBackground: 'NON_WESTERN', gender: 'FEMALE', otherGround: 'religie' };

  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    const [school, other] = await Promise.all([make.school(), make.school()]);
    [staff, otherSchool, tokens] = [school.staff.token, other.admin.token, await make.tokens()];
    studentId = dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input: validStudent() }, staff)).createStudent.id;
  });
  afterAll(() => t.stop());

  it('stores them only with consent, encrypted, with an audit row that holds no values; withdrawal deletes them', async () => {
    const refused = onlyError(await t.gql(RECORD, { s: studentId, input: { ...answers, consent: false } }, staff));
    expect(refused.extensions.fields).toEqual([expect.objectContaining({ path: 'input.consent', rule: 'R24' })]);
    expect(await t.count('protected_attributes')).toBe(0);

    expect(dataOf(await t.gql(RECORD, { s: studentId, input: answers }, staff)).recordProtectedAttributes).toBe(true);
    const [row] = await t.dataSource.query('SELECT ciphertext, iv, auth_tag FROM protected_attributes WHERE student_id = $1', [studentId]);
    expect(row.ciphertext.toString('utf8')).not.toContain('NON_WESTERN');
    expect(new AttributeCipher('0'.repeat(63) + '1').open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag })).toEqual({
      migrationBackground: 'NON_WESTERN',
      gender: 'FEMALE',
      otherGround: 'religie',
    });
    const audit = await t.dataSource.query(`SELECT after FROM audit_log WHERE action = 'protected_attributes.recorded'`);
    expect(JSON.stringify(audit)).not.toMatch(/NON_WESTERN|FEMALE|religie/);

    expect(dataOf(await t.gql(WITHDRAW, { s: studentId }, staff)).withdrawProtectedAttributesConsent).toBe(true);
    expect(await t.count('protected_attributes')).toBe(0);
  });

  it('is refused to other schools, companies and SBB, and no query returns the attributes', async () => {
    expect(onlyError(await t.gql(RECORD, { s: studentId, input: answers }, otherSchool)).extensions.code).toBe('NOT_FOUND');
    for (const user of ['companyAdmin', 'sbb', 'platformAdmin'] as const) {
      expect(onlyError(await t.gql(RECORD, { s: studentId, input: answers }, tokens[user])).extensions.code).toBe('FORBIDDEN');
    }
    const types = dataOf(await t.gql('{ __schema { types { name fields { name } } } }', {}, tokens.sbb)).__schema.types;
    const fieldNames = types.flatMap((type: any) => (type.fields ?? []).map((field: any) => field.name));
    expect(fieldNames.filter((name: string) => /migrationBackground|gender|otherGround/i.test(name))).toEqual([]);
  });
});

const AUDIT = `query($input: AdverseImpactAuditInput!) { adverseImpactAudit(input: $input) {
  sampleSize unreported adverseImpact
  groups { group suppressed observations accepted acceptanceRate impactRatio adverseImpact fisherPValue significant shortfall }
  declineReasons { group suppressed declines reasons { reason suppressed count share } }
  responseTimes { group suppressed answered meanHours }
  falseDiscoveryRate companiesCompared underpoweredCompanies
  flaggedCompanies { ...company } watchedCompanies { ...company } company { ...company } } }
fragment company on CompanyImpactModel {
  companyId companyName status lowestImpactRatio lowestImpactRatioInterval { low high } pValue qValue detectableImpactRatio underpowered
  groups { group impactRatio impactRatioInterval { low high } } }`;

/**
 * Decisions written for three factory-made companies (named after the demo's for readability): "Domstad" accepts 16 of 20 students without and 4 of 20 with a
 * non-western migration background (declining those for "werkprocessen" and three days later);
 * Brasserie Oudegracht and Codeerfabriek treat both groups alike.
 */
describe('adverse-impact audit (R23) and a sanction that follows it (R22, R2)', () => {
  let t: TestApp;
  const companies: Record<'domstad' | 'brasserie' | 'codeerfabriek', string> = { domstad: '', brasserie: '', codeerfabriek: '' };
  const placements: Record<keyof typeof companies, string> = { domstad: '', brasserie: '', codeerfabriek: '' };
  const period = { from: '2026-09-01', to: '2026-11-23' };
  let domstadName: string;
  let school: MadeSchool;
  let tokens: Record<Role, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    const [domstad, brasserie, codeerfabriek, madeSchool] = await Promise.all([
      make.company(),
      make.company({ sector: 'VOEDSEL_GROEN_GASTVRIJHEID', crebos: ['25180'] }),
      make.company({ sector: 'ICT_CREATIEVE_INDUSTRIE', crebos: ['25604'] }),
      make.school(),
    ]);
    school = madeSchool;
    const staff = school.staff.token;
    tokens = {
      platformAdmin: (await make.platformAdmin()).token,
      sbbAdmin: (await make.sbbAdmin()).token,
      sbb: (await make.sbb()).token,
      schoolAdmin: school.admin.token,
      schoolStaff: staff,
      companyAdmin: domstad.admin.token,
      companyStaff: domstad.staff.token,
    };
    domstadName = domstad.name;
    [companies.domstad, companies.brasserie, companies.codeerfabriek] = [domstad.id, brasserie.id, codeerfabriek.id];
    [placements.domstad, placements.brasserie, placements.codeerfabriek] = await Promise.all([
      make.publishedPlacement(domstad),
      make.publishedPlacement(brasserie, { crebos: ['25180'], level: 2, werkprocessen: ['mise-en-place'] }),
      make.publishedPlacement(codeerfabriek, { crebos: ['25604'], level: 4, werkprocessen: ['realiseren'] }),
    ]);
    const students: Array<{ id: string; group: 'NONE' | 'NON_WESTERN' }> = [];
    for (let n = 0; n < 40; n += 1) {
      const group = n < 20 ? 'NONE' : 'NON_WESTERN';
      const { id } = dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input: validStudent() }, staff)).createStudent;
      dataOf(await t.gql(RECORD, { s: id, input: { consent: true, consentGivenOn: '2026-08-20', migrationBackground: group } }, staff));
      students.push({ id, group });
    }
    const accepts: Record<keyof typeof companies, Record<'NONE' | 'NON_WESTERN', number>> = {
      domstad: { NONE: 16, NON_WESTERN: 4 },
      brasserie: { NONE: 14, NON_WESTERN: 14 },
      codeerfabriek: { NONE: 13, NON_WESTERN: 13 },
    };
    for (const key of Object.keys(companies) as Array<keyof typeof companies>) {
      const [{ id: roundId }] = await t.dataSource.query(
        `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status) VALUES ('2027-01-01', '2027-06-30', $1, 'COMPLETED') RETURNING id`,
        [`audit-${key}`],
      );
      const placementId = placements[key];
      for (const [index, student] of students.entries()) {
        const accepted = index % 20 < accepts[key][student.group];
        // Accepted by the company and left unanswered until it expired: a student has one OPEN proposal at a time.
        const biased = key === 'domstad' && student.group === 'NON_WESTERN';
        await t.dataSource.query(
          `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, status, company_answer,
                                  decline_reason, expires_at, created_at, company_answered_at, decided_at)
           SELECT $1, s.id, $2, $3, s.school_id, $4, 1, 0, $5::proposal_status, $6::proposal_answer, $7::decline_reason,
                  '2026-10-15', '2026-10-01 10:00+02', '2026-10-01 10:00+02'::timestamptz + $8 * interval '1 hour', '2026-10-04 10:00+02'
             FROM students s WHERE s.id = $9`,
          [roundId, placementId, companies[key], `audit-${key}-${index}`, accepted ? 'EXPIRED' : 'DECLINED', accepted ? 'ACCEPTED' : 'DECLINED',
            accepted ? null : biased ? 'WERKPROCESSEN_NOT_OFFERED' : 'SCHEDULE_INCOMPATIBLE', biased && !accepted ? 72 : 24, student.id],
        );
      }
    }
  }, 120_000);
  afterAll(() => t.stop());

  const audit = async (input: Record<string, unknown>, user: Role = 'sbb') => t.gql(AUDIT, { input: { ground: 'MIGRATION_BACKGROUND', ...period, ...input } }, tokens[user]);

  it('flags the company that declines one group far more often, and no other', async () => {
    const result = dataOf(await audit({})).adverseImpactAudit;
    expect(result.flaggedCompanies.map((company: any) => company.companyName)).toEqual([domstadName]);
    const [domstad] = result.flaggedCompanies;
    // Flagged on a difference so large that 20 against 20 decisions show it, though a sample that
    // small could not be relied on to show a true ratio of 0.8 (underpowered).
    expect(domstad).toMatchObject({ status: 'FLAGGED', underpowered: true });
    expect(domstad.lowestImpactRatio).toBeCloseTo(0.25, 6);
    // R: epitools::riskratio(method = "wald") gives 0.1012874–0.6170559; fisher.test p = 0.00035997,
    // and p.adjust(c(p, 1, 1), "BH") over the three companies compared gives q = 0.0010799.
    expect(domstad.lowestImpactRatioInterval.low).toBeCloseTo(0.1012874, 6);
    expect(domstad.lowestImpactRatioInterval.high).toBeCloseTo(0.6170559, 6);
    expect(domstad.pValue).toBeCloseTo(0.00035997, 7);
    expect(domstad.qValue).toBeCloseTo(0.0010799, 7);
    expect(result).toMatchObject({ falseDiscoveryRate: 0.05, companiesCompared: 3, watchedCompanies: [], company: null });
    expect(result.underpoweredCompanies).toBe(3);

    // Nationally: 43 of 60 against 31 of 60 — a ratio of 0.72, flagged; WESTERN has no one.
    expect(result).toMatchObject({ sampleSize: 120, unreported: 0, adverseImpact: true });
    const [none, western, nonWestern] = result.groups;
    expect(none).toMatchObject({ group: 'NONE', observations: 60, accepted: 43, impactRatio: 1, adverseImpact: false });
    expect(western).toMatchObject({ group: 'WESTERN', suppressed: 'FEWER_THAN_10_OBSERVATIONS', observations: null, acceptanceRate: null });
    expect(nonWestern).toMatchObject({ group: 'NON_WESTERN', observations: 60, accepted: 31, adverseImpact: true, significant: true, shortfall: 12 });
    expect(nonWestern.impactRatio).toBeCloseTo(31 / 43, 6);
    expect(nonWestern.fisherPValue).toBeLessThan(0.05);

    const reasons = result.declineReasons.find((row: any) => row.group === 'NON_WESTERN');
    expect(reasons.declines).toBe(29);
    expect(reasons.reasons.find((row: any) => row.reason === 'WERKPROCESSEN_NOT_OFFERED')).toMatchObject({ count: 16, suppressed: null });
    expect(reasons.reasons.find((row: any) => row.reason === 'SCHEDULE_INCOMPATIBLE')).toMatchObject({ count: 13 });
    expect(reasons.reasons.find((row: any) => row.reason === 'TRAINER_UNAVAILABLE')).toMatchObject({ count: null, suppressed: 'FEWER_THAN_10_OBSERVATIONS' });
    const times = Object.fromEntries(result.responseTimes.map((row: any) => [row.group, row.meanHours]));
    expect(times.NONE).toBeCloseTo(24, 6);
    expect(times.NON_WESTERN).toBeCloseTo((16 * 72 + 44 * 24) / 60, 6);
  });

  it('puts the company on watch, not flagged, when the false discovery rate asked for is stricter than its q-value', async () => {
    const result = dataOf(await audit({ falseDiscoveryRate: 0.001 })).adverseImpactAudit;
    expect(result.flaggedCompanies).toEqual([]);
    expect(result.watchedCompanies).toEqual([expect.objectContaining({ companyName: domstadName, status: 'WATCH' })]);
    expect(result.falseDiscoveryRate).toBe(0.001);
  });

  it('scopes to one company or sector, and reads nothing outside the period', async () => {
    const brasserie = dataOf(await audit({ companyId: companies.brasserie })).adverseImpactAudit;
    expect(brasserie).toMatchObject({ sampleSize: 40, adverseImpact: false, flaggedCompanies: [] });
    // Not flagged, and said to be too small a sample to mean much.
    expect(brasserie.company).toMatchObject({ companyId: companies.brasserie, status: 'CLEAR', lowestImpactRatio: 1, underpowered: true });
    const care = dataOf(await audit({ sector: 'ZORG_WELZIJN_SPORT' })).adverseImpactAudit;
    expect(care.flaggedCompanies.map((company: any) => company.companyId)).toEqual([companies.domstad]);
    expect(dataOf(await audit({ from: '2026-10-02', to: '2026-11-23' })).adverseImpactAudit.sampleSize).toBe(0);
  });

  it('counts a proposal the company let expire unanswered as a decision that accepted nobody, and an open one not at all', async () => {
    const make = new Factories(t);
    const silent = await make.company();
    const placementId = await make.publishedPlacement(silent);
    const [{ id: roundId }] = await t.dataSource.query(
      `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status) VALUES ('2026-06-01', '2026-06-30', 'audit-silent', 'COMPLETED') RETURNING id`,
    );
    const studentIds = (await t.dataSource.query(`SELECT student_id FROM protected_attributes ORDER BY student_id LIMIT 4`)).map((row: any) => row.student_id);
    for (const [index, studentId] of studentIds.entries()) {
      await t.dataSource.query(
        `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, status, expires_at, created_at)
         SELECT $1, s.id, $2, $3, s.school_id, $4, 1, 0, $5::proposal_status, '2026-06-15', '2026-06-01 10:00+02' FROM students s WHERE s.id = $6`,
        [roundId, placementId, silent.id, `audit-silent-${index}`, index < 3 ? 'EXPIRED' : 'OPEN', studentId],
      );
    }
    const result = dataOf(await audit({ companyId: silent.id, from: '2026-06-01', to: '2026-06-30' })).adverseImpactAudit;
    expect(result.sampleSize).toBe(3);
    expect(result.groups.reduce((sum: number, group: any) => sum + group.accepted, 0)).toBe(0);
    expect(result.responseTimes.reduce((sum: number, group: any) => sum + group.answered, 0)).toBe(0);
  });

  it('is for SBB only, and refuses a bad period or scope naming the field', async () => {
    for (const user of ['schoolAdmin', 'companyAdmin', 'platformAdmin'] as const) expect(onlyError(await audit({}, user)).extensions.code).toBe('FORBIDDEN');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ from: '2026-11-01', to: '2026-10-01' }, 'input.to'],
      [{ from: '2020-01-01', to: '2025-06-01' }, 'input.to'],
      [{ from: '2027-01-01', to: '2027-02-01' }, 'input.from'],
      [{ companyId: '00000000-0000-4000-8000-000000000000' }, 'input.companyId'],
      [{ companyId: school.id }, 'input.companyId'],
      [{ region: 'Atlantis' }, 'input.region'],
      [{ falseDiscoveryRate: 0.5 }, 'input.falseDiscoveryRate'],
      [{ falseDiscoveryRate: 0 }, 'input.falseDiscoveryRate'],
    ];
    for (const [input, field] of cases) {
      const error = onlyError(await audit(input));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: field, rule: 'R23' })] });
    }
  });

  it('exposes no student and no individual answer on any path from the audit', async () => {
    const { types } = dataOf(await t.gql('{ __schema { types { name kind fields { name type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } }', {}, tokens.sbb)).__schema;
    const byName = new Map<string, any>(types.map((type: any) => [type.name, type]));
    const named = (type: any): string => type.name ?? named(type.ofType);
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name)) return;
      reachable.add(name);
      for (const field of byName.get(name)?.fields ?? []) visit(named(field.type));
    };
    visit('AdverseImpactAudit');
    expect([...reachable].filter((name) => /Student|Identity|Candidate|Proposal/.test(name))).toEqual([]);
    const fields = [...reachable].flatMap((name) => (byName.get(name)?.fields ?? []).map((field: any) => field.name));
    expect(fields.filter((name: string) => /student|migrationBackground|gender|otherGround/i.test(name))).toEqual([]);
  });

  it('a report against the flagged company, escalated and sanctioned, revokes its accreditation and suspends its placements (R22, R2)', async () => {
    const staff = school.staff.token;
    const sbb = tokens.sbb;
    dataOf(await audit({})); // the national audit that flags Domstad, before the report
    const report = dataOf(
      await t.gql('mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id status noStudentLink } }', {
        input: { companyId: companies.domstad, ground: 'RACE_OR_ORIGIN', description: 'Studenten met een migratieachtergrond worden structureel afgewezen.', incidentDate: '2026-10-04' },
      }, staff),
    ).fileDiscriminationReport;
    expect(report).toMatchObject({ status: 'RECEIVED', noStudentLink: false });
    dataOf(await t.gql('mutation($id: ID!) { investigateDiscriminationReport(id: $id) { status } }', { id: report.id }, staff));
    dataOf(await t.gql('mutation($id: ID!, $note: String) { escalateDiscriminationReport(id: $id, note: $note) { status } }', { id: report.id, note: 'Zie de audit' }, staff));
    const sanctioned = dataOf(
      await t.gql('mutation($id: ID!, $input: SanctionInput!) { sanctionDiscriminationReport(id: $id, input: $input) { status sanction } }', {
        id: report.id,
        input: { sanction: 'REVOCATION', reason: 'Impact ratio 0,25 in de audit, bevestigd na onderzoek' },
      }, sbb),
    ).sanctionDiscriminationReport;
    expect(sanctioned).toEqual({ status: 'SANCTIONED', sanction: 'REVOCATION' });

    // The sanction shows the figures that flagged the company, as they were when it was sanctioned:
    // a later audit at another false discovery rate does not change them.
    dataOf(await audit({ falseDiscoveryRate: 0.2 }));
    const FLAGS = 'query($id: ID!) { discriminationReport(id: $id) { adverseImpactFlags { ground falseDiscoveryRate lowestImpactRatio intervalLow intervalHigh qValue groups { group observations accepted } } } }';
    const [flag, ...more] = dataOf(await t.gql(FLAGS, { id: report.id }, sbb)).discriminationReport.adverseImpactFlags;
    expect(more).toEqual([]);
    expect(flag).toMatchObject({ ground: 'MIGRATION_BACKGROUND', falseDiscoveryRate: 0.05 });
    expect(flag.lowestImpactRatio).toBeCloseTo(0.25, 6);
    expect(flag.intervalLow).toBeCloseTo(0.1012874, 6);
    expect(flag.qValue).toBeCloseTo(0.0010799, 7);
    expect(flag.groups).toEqual(expect.arrayContaining([{ group: 'NON_WESTERN', observations: 20, accepted: 4 }]));
    // The reporting school reads its report, but not SBB's audit figures.
    expect(onlyError(await t.gql(FLAGS, { id: report.id }, staff)).extensions.code).toBe('FORBIDDEN');

    const accreditations = await t.dataSource.query('SELECT DISTINCT status FROM accreditations WHERE company_id = $1', [companies.domstad]);
    expect(accreditations).toEqual([{ status: 'REVOKED' }]);
    const placements = await t.dataSource.query(`SELECT DISTINCT status FROM placements WHERE company_id = $1 AND status <> 'DRAFT' AND status <> 'CLOSED'`, [companies.domstad]);
    expect(placements).toEqual([{ status: 'SUSPENDED' }]);
    const others = await t.dataSource.query(`SELECT count(*)::int AS n FROM placements WHERE company_id = ANY($1) AND status = 'SUSPENDED'`, [[companies.brasserie, companies.codeerfabriek]]);
    expect(others).toEqual([{ n: 0 }]);
  });
});
