import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { eventually, startSmtpServer } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const APP_URL = 'https://app.stagematch.test';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status signatures { party way } } }';
const POK_OF = `query($id: ID!) { internship(id: $id) { id studentId pok { id version status guardianRequired signatures { party way }
  terms { student school company startDate endDate hoursPerWeek totalHours werkprocessen terminationClause } } } }`;
const MY_INTERNSHIPS = '{ internships(first: 50) { totalCount edges { node { id studentId pok { id } } } } }';
const AMEND = 'mutation($id: ID!, $input: AmendPokInput!) { amendPok(internshipId: $id, input: $input) { id version status } }';
const RESEND = 'mutation($id: ID!) { resendGuardianSigningLink(pokId: $id) { id version } }';
const OPEN_LINK = 'query($t: String!) { guardianSigning(token: $t) { version expiresAt terms { id student school company hoursPerWeek startDate terminationClause } } }';
const SIGN_BY_LINK = 'mutation($t: String!) { signPokAsGuardian(token: $t) { version fullySigned at } }';
const INBOX = '{ notifications(first: 50) { edges { node { eventType title body } } } }';
const IDENTITY = 'query($id: ID!) { student(id: $id) { identity { fullName guardianName guardianEmail } } }';
const COMPANY_SEES_GUARDIAN = 'query($id: ID!) { internship(id: $id) { student { fullName guardianEmail } } }';

/** The rule of a BAD_USER_INPUT answer's first field. */
const ruleOf = (response: GraphqlResponse) => {
  const error = onlyError(response);
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  return (error.extensions.fields as { path: string; rule?: string }[])[0];
};

describe('the student signs her own POK, her guardian by an e-mailed single-use link (issue #17, R8)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let make: Factories;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let placementId: string;
  /** Noor: 17 on the start date, her guardian's address known, her own account. */
  const noor = { internshipId: '', studentId: '', pokId: '', name: 'Noor Jansen', email: 'noor@student.test' };
  const GUARDIAN = 'ingrid.jansen@guardian.test';
  let she: SignedIn;
  /** Sem: 18 on the start date, no account of his own. */
  const sem = { internshipId: '', studentId: '', pokId: '', name: 'Sem de Vries' };
  /** A classmate with an account and no internship. */
  let classmate: SignedIn;

  const mailsToGuardian = () => smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(GUARDIAN));
  const tokenOf = (text: string | undefined) => /\/guardian-signing#token=(\S+)/.exec(text ?? '')![1];
  /** The n-th (1-based) guardian e-mail's token, once it has arrived. */
  const nthLink = async (n: number) => tokenOf((await eventually(() => mailsToGuardian()[n - 1])).text);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({ clock, env: { SMTP_URL: smtp.url, APP_URL } });
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
    placementId = await make.publishedPlacement(company, { startDate: '2027-02-01', endDate: '2027-06-30', capacity: 3 });
    const made = await make.internship(school, company, placementId, {
      identity: { fullName: noor.name, dateOfBirth: '2009-09-01', email: noor.email, guardianName: 'Ingrid Jansen', guardianEmail: GUARDIAN },
    });
    Object.assign(noor, { internshipId: made.internshipId, studentId: made.student.id });
    she = await make.studentAccount(school, made.student);
    const his = await make.internship(school, company, placementId, { identity: { fullName: sem.name, dateOfBirth: '2008-05-14', email: 'sem@student.test' } });
    Object.assign(sem, { internshipId: his.internshipId, studentId: his.student.id });
    classmate = await make.studentAccount(school, await make.student(school));
    noor.pokId = dataOf(await t.gql(POK_OF, { id: noor.internshipId }, school.staff.token)).internship.pok.id;
    sem.pokId = dataOf(await t.gql(POK_OF, { id: sem.internshipId }, school.staff.token)).internship.pok.id;
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  it('keeps her guardian on her identity: her school and she read it, a company does not', async () => {
    expect(dataOf(await t.gql(IDENTITY, { id: noor.studentId }, school.staff.token)).student.identity).toEqual({ fullName: noor.name, guardianName: 'Ingrid Jansen', guardianEmail: GUARDIAN });
    expect(dataOf(await t.gql('{ myStudent { identity { guardianName guardianEmail } } }', {}, she.token)).myStudent.identity).toEqual({ guardianName: 'Ingrid Jansen', guardianEmail: GUARDIAN });
    const asCompany = await t.gql(COMPANY_SEES_GUARDIAN, { id: noor.internshipId }, company.admin.token);
    expect(asCompany.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(asCompany)).not.toContain(GUARDIAN);
  });

  it('e-mails her guardian a link to the terms when her POK is made; an 18-year-old\'s POK sends none', async () => {
    const first = await eventually(() => mailsToGuardian()[0]);
    expect(first.subject).toContain(noor.name);
    expect(first.text).toContain(`${APP_URL}/guardian-signing#token=`);
    expect(first.text).toContain(school.name);
    const opened = dataOf(await t.gql(OPEN_LINK, { t: tokenOf(first.text) })).guardianSigning;
    expect(opened).toMatchObject({ version: 1, terms: { id: noor.pokId, student: noor.name, school: school.name, company: company.name, startDate: '2027-02-01' } });
    // Only her name and the terms: not her address, not her birth date, not the guardian's contact.
    expect(JSON.stringify(opened)).not.toMatch(/noor@student\.test|2009-09-01|ingrid/);

    const his = dataOf(await t.gql(POK_OF, { id: sem.internshipId }, school.staff.token)).internship.pok;
    expect(his.guardianRequired).toBe(false);
    expect(smtp.messages.filter((mail) => mail.text?.includes('guardian-signing') && mail.text.includes(sem.name))).toEqual([]);
  });

  it('lets her read her own internship and POK terms, and none of a classmate', async () => {
    const mine = dataOf(await t.gql(MY_INTERNSHIPS, {}, she.token)).internships;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({ id: noor.internshipId, studentId: noor.studentId, pok: { id: noor.pokId } });
    const internship = dataOf(await t.gql(POK_OF, { id: noor.internshipId }, she.token)).internship;
    expect(internship.pok).toMatchObject({ version: 1, status: 'PENDING', guardianRequired: true, terms: { student: noor.name, hoursPerWeek: expect.any(Number) } });
    expect(onlyError(await t.gql(POK_OF, { id: sem.internshipId }, she.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(MY_INTERNSHIPS, {}, classmate.token)).internships.totalCount).toBe(0);
  });

  it('has her sign her own POK: her school can no longer sign as her, and she cannot sign a classmate\'s or as another party', async () => {
    expect(ruleOf(await t.gql(SIGN, { id: noor.pokId, party: 'STUDENT' }, school.staff.token))).toMatchObject({ path: 'party', rule: 'STUDENT_SIGNS_HERSELF' });
    expect(ruleOf(await t.gql(SIGN, { id: noor.pokId, party: 'GUARDIAN' }, school.staff.token))).toMatchObject({ path: 'party', rule: 'GUARDIAN_SIGNS_BY_LINK' });
    expect(onlyError(await t.gql(SIGN, { id: sem.pokId, party: 'STUDENT' }, she.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(SIGN, { id: noor.pokId, party: 'STUDENT' }, classmate.token)).extensions.code).toBe('NOT_FOUND');
    expect(ruleOf(await t.gql(SIGN, { id: noor.pokId, party: 'SCHOOL' }, she.token))).toMatchObject({ path: 'party', rule: 'R8' });
    expect(ruleOf(await t.gql(SIGN, { id: noor.pokId, party: 'GUARDIAN' }, she.token))).toMatchObject({ path: 'party', rule: 'R8' });

    const signed = dataOf(await t.gql(SIGN, { id: noor.pokId, party: 'STUDENT' }, she.token)).signPok;
    expect(signed).toMatchObject({ status: 'PENDING', signatures: [{ party: 'STUDENT', way: 'OWN' }] });
    expect(onlyError(await t.gql(SIGN, { id: noor.pokId, party: 'STUDENT' }, she.token)).extensions.code).toBe('CONFLICT');
    const audit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1 AND action LIKE 'pok.signed%'`, [noor.pokId]);
    expect(audit).toEqual([{ action: 'pok.signed_for_student', actor_role: 'STUDENT' }]);
  });

  it('lets her school record the signature of a student without an account, on her behalf and audited', async () => {
    const signed = dataOf(await t.gql(SIGN, { id: sem.pokId, party: 'STUDENT' }, school.staff.token)).signPok;
    expect(signed.signatures).toEqual([{ party: 'STUDENT', way: 'ON_BEHALF' }]);
    const audit = await t.dataSource.query(`SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1 AND action LIKE 'pok.signed%'`, [sem.pokId]);
    expect(audit).toEqual([{ action: 'pok.signed_for_student_on_behalf', actor_user_id: school.staff.id }]);
    expect(onlyError(await t.gql(SIGN, { id: sem.pokId, party: 'STUDENT' }, otherSchool.staff.token)).extensions.code).toBe('NOT_FOUND');
  });

  it('tells her of a POK to sign, with its link, and not her classmate', async () => {
    // A new version (R9): she signs again, and hears it on her own account.
    const v2 = dataOf(await t.gql(AMEND, { id: noor.internshipId, input: { hoursPerWeek: 24 } }, company.admin.token)).amendPok;
    expect(v2).toMatchObject({ version: 2, status: 'PENDING' });
    noor.pokId = v2.id;
    const told = await eventually(async () =>
      dataOf(await t.gql(INBOX, {}, she.token)).notifications.edges.find((edge: any) => edge.node.eventType === 'POK_SIGNATURES_AWAITED' && edge.node.body.includes(v2.id)),
    );
    expect(told.node.body).toContain(`${APP_URL}/poks/${v2.id}`);
    expect(told.node.title).toContain('Je praktijkovereenkomst tekenen');
    // The school hears it too (with her name); her classmate hears nothing of it.
    await eventually(async () => dataOf(await t.gql(INBOX, {}, school.staff.token)).notifications.edges.some((edge: any) => edge.node.body.includes(v2.id)));
    expect(dataOf(await t.gql(INBOX, {}, classmate.token)).notifications.edges).toEqual([]);
  });

  it('refuses a wrong link, a superseded one and a re-sent one\'s predecessor with LINK_INVALID; the guardian signs once', async () => {
    // Version 2 got its own link; version 1's stopped working (superseded).
    const v1 = await nthLink(1);
    const v2First = await nthLink(2);
    for (const token of [v1, 'not-a-token', `${v2First}x`]) {
      expect(ruleOf(await t.gql(OPEN_LINK, { t: token }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
      expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: token }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
    }
    expect(dataOf(await t.gql(OPEN_LINK, { t: v2First })).guardianSigning).toMatchObject({ version: 2, terms: { hoursPerWeek: 24 } });

    // Her school sends it again: a new link, the previous one stops working; audited.
    expect(onlyError(await t.gql(RESEND, { id: noor.pokId }, otherSchool.staff.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(RESEND, { id: noor.pokId }, company.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(RESEND, { id: noor.pokId }, she.token)).extensions.code).toBe('FORBIDDEN');
    expect(ruleOf(await t.gql(RESEND, { id: sem.pokId }, school.staff.token))).toMatchObject({ path: 'pokId', rule: 'R8' });
    dataOf(await t.gql(RESEND, { id: noor.pokId }, school.staff.token));
    const resent = await nthLink(3);
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: v2First }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
    expect(await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'pok.guardian_link_resent'`, [noor.pokId])).toHaveLength(1);

    const signed = dataOf(await t.gql(SIGN_BY_LINK, { t: resent })).signPokAsGuardian;
    expect(signed).toMatchObject({ version: 2, fullySigned: false });
    // Used: refused from now on, to open as to sign.
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: resent }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
    expect(ruleOf(await t.gql(OPEN_LINK, { t: resent }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });

    dataOf(await t.gql(SIGN, { id: noor.pokId, party: 'STUDENT' }, she.token));
    dataOf(await t.gql(SIGN, { id: noor.pokId, party: 'SCHOOL' }, school.staff.token));
    const done = dataOf(await t.gql(SIGN, { id: noor.pokId, party: 'COMPANY' }, company.admin.token)).signPok;
    expect(done.status).toBe('SIGNED');
    expect(Object.fromEntries(done.signatures.map((s: { party: string; way: string }) => [s.party, s.way]))).toEqual({ STUDENT: 'OWN', GUARDIAN: 'GUARDIAN_LINK', SCHOOL: 'OWN', COMPANY: 'OWN' });
    expect(await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE entity_id = $1 AND action = 'pok.signed_for_guardian'`, [noor.pokId])).toEqual([{ actor_role: 'SYSTEM' }]);
  });

  it('without a guardian address her school records the guardian on paper (on behalf); once it adds the address, the link goes out and paper no longer does', async () => {
    const identity = { fullName: 'Lotte Bakker', dateOfBirth: '2009-11-20', email: 'lotte@student.test' };
    const lotte = await make.internship(school, company, placementId, { identity });
    const pok = dataOf(await t.gql(POK_OF, { id: lotte.internshipId }, school.staff.token)).internship.pok;
    expect(pok.guardianRequired).toBe(true);
    expect(ruleOf(await t.gql(RESEND, { id: pok.id }, school.staff.token))).toMatchObject({ path: 'pokId', rule: 'GUARDIAN_EMAIL_MISSING' });

    const UPDATE = 'mutation($id: ID!, $input: UpdateStudentInput!) { updateStudent(id: $id, input: $input) { id } }';
    dataOf(await t.gql(UPDATE, { id: lotte.student.id, input: { identity: { ...identity, guardianName: 'Kees Bakker', guardianEmail: 'Kees.Bakker@Guardian.test' } } }, school.staff.token));
    expect(dataOf(await t.gql(IDENTITY, { id: lotte.student.id }, school.staff.token)).student.identity.guardianEmail).toBe('kees.bakker@guardian.test');
    dataOf(await t.gql(RESEND, { id: pok.id }, school.staff.token));
    const mail = await eventually(() => smtp.messages.find((m) => JSON.stringify(m.to).includes('kees.bakker@guardian.test')));
    expect(mail.text).toContain('Beste Kees Bakker');
    expect(ruleOf(await t.gql(SIGN, { id: pok.id, party: 'GUARDIAN' }, school.staff.token))).toMatchObject({ rule: 'GUARDIAN_SIGNS_BY_LINK' });

    // Without the address again (the whole identity is replaced), paper it is: recorded on the guardian's behalf.
    dataOf(await t.gql(UPDATE, { id: lotte.student.id, input: { identity } }, school.staff.token));
    const signed = dataOf(await t.gql(SIGN, { id: pok.id, party: 'GUARDIAN' }, school.staff.token)).signPok;
    expect(signed.signatures).toEqual([{ party: 'GUARDIAN', way: 'ON_BEHALF' }]);
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: tokenOf(mail.text) }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
  });

  it('refuses an expired link (after 14 days); a re-sent one works again', async () => {
    const v3 = dataOf(await t.gql(AMEND, { id: noor.internshipId, input: { hoursPerWeek: 28 } }, company.admin.token)).amendPok;
    const token = await nthLink(4);
    expect(dataOf(await t.gql(OPEN_LINK, { t: token })).guardianSigning.version).toBe(3);
    clock.advance({ days: 15 });
    expect(ruleOf(await t.gql(OPEN_LINK, { t: token }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: token }))).toMatchObject({ path: 'token', rule: 'LINK_INVALID' });
    // Back to today (the staff's sessions keep to real time); her school sends it again.
    clock.advance({ days: -15 });
    dataOf(await t.gql(RESEND, { id: v3.id }, school.staff.token));
    const fresh = await nthLink(5);
    expect(dataOf(await t.gql(SIGN_BY_LINK, { t: fresh })).signPokAsGuardian).toMatchObject({ version: 3 });
    // Nothing was mailed for Sem, 18 on his start date.
    expect(mailsToGuardian()).toHaveLength(5);
    expect(smtp.messages.filter((mail) => mail.text?.includes('guardian-signing') && mail.text.includes(sem.name))).toEqual([]);
  });
});
