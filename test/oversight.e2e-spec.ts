import { AttributeCipher } from '../src/modules/oversight/attribute-cipher';
import { validStudent } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

const RECORD = 'mutation($s: ID!, $input: ProtectedAttributesInput!) { recordProtectedAttributes(studentId: $s, input: $input) }';
const WITHDRAW = 'mutation($s: ID!) { withdrawProtectedAttributesConsent(studentId: $s) }';

describe('protected attributes (R24)', () => {
  let t: TestApp;
  let studentId: string;
  const answers = { consent: true, consentGivenOn: '2026-11-02', migrationBackground: 'NON_WESTERN', gender: 'FEMALE', otherGround: 'religie' };

  beforeAll(async () => {
    t = await TestApp.start();
    studentId = dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input: validStudent() }, await t.as('schoolStaff'))).createStudent.id;
  });
  afterAll(() => t.stop());

  it('stores them only with consent, encrypted, with an audit row that holds no values; withdrawal deletes them', async () => {
    const staff = await t.as('schoolStaff');
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
    expect(onlyError(await t.gql(RECORD, { s: studentId, input: answers }, await t.as('otherSchoolAdmin'))).extensions.code).toBe('BAD_USER_INPUT');
    for (const user of ['companyAdmin', 'sbbAuditor', 'platformAdmin'] as const) {
      expect(onlyError(await t.gql(RECORD, { s: studentId, input: answers }, await t.as(user))).extensions.code).toBe('FORBIDDEN');
    }
    const types = dataOf(await t.gql('{ __schema { types { name fields { name } } } }', {}, await t.as('sbbAuditor'))).__schema.types;
    const fieldNames = types.flatMap((type: any) => (type.fields ?? []).map((field: any) => field.name));
    expect(fieldNames.filter((name: string) => /migrationBackground|gender|otherGround/i.test(name))).toEqual([]);
  });
});
