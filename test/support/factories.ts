import { Client } from 'pg';
import { randomBytes, randomInt } from 'node:crypto';
import { newSecretToken } from '../../src/common/auth/secret-token';
import { main as orgCreate } from '../../src/modules/organizations/org-create.command';
import { selfFoundTerms, validPlacement, validStudent } from './fixtures';
import { TEST_CREBOS, testDossier } from './register';
import { eventually } from './receivers';
import { dataOf, type TestApp } from './test-app';

/** What the factories need of an app: a `TestApp`, or a stand-in for an app running in a child process. */
/** What the factories need of an app; `clock` (the app's, when it runs in this process) dates what org:create writes. */
export type FactoryTarget = Pick<TestApp, 'gql' | 'login' | 'databaseUrl'> & { clock?: TestApp['clock'] };

/**
 * Test data built the way users build it, through the API (and `npm run org:create` for the SBB
 * and PLATFORM organizations, which the API cannot create), with unique names and addresses: a
 * test that uses these depends on no demo-seed row and on no other test.
 *
 *   const make = new Factories(t);
 *   const school = await make.school();
 *   const company = await make.company();
 *   const placementId = await make.publishedPlacement(company);
 *   const student = await make.student(school, { preferences: [placementId] });
 */

/** A signed-in user: the token goes as `t.gql(query, variables, user.token)`. */
export interface SignedIn {
  id: string;
  /** The user's organization. */
  organizationId: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

export interface MadeSchool {
  id: string;
  name: string;
  brinCode: string;
  admin: SignedIn;
  staff: SignedIn;
}

export interface MadeCompany {
  id: string;
  name: string;
  sector: string;
  admin: SignedIn;
  staff: SignedIn;
  /** A vestiging (by default in Utrecht, PC4 3511), accredited by SBB for `crebos`. */
  branchId: string;
  /** A praktijkopleider at that branch who meets R7 for the placement of `validPlacement`. */
  trainerId: string;
  crebos: string[];
}

export interface MadeStudent {
  id: string;
  identity: { fullName: string; dateOfBirth: string; email: string };
}

export interface MadeProposal {
  student: MadeStudent;
  proposalId: string;
}

export interface MadeInternship extends MadeProposal {
  internshipId: string;
}

/** Where a branch is; placements there are found near its postcode. */
export interface BranchLocation {
  street: string;
  postcode: string;
  city: string;
}

const UTRECHT: BranchLocation = { street: 'Oudegracht', postcode: '3511 AB', city: 'Utrecht' };
export const GRONINGEN: BranchLocation = { street: 'Grote Markt', postcode: '9711 LV', city: 'Groningen' };

export type Role = 'platformAdmin' | 'sbbAdmin' | 'sbb' | 'schoolAdmin' | 'schoolStaff' | 'companyAdmin' | 'companyStaff';

const CREATE_ORGANIZATION = 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }';
const INVITE_USER = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id } }';
const INVITE_STUDENT = 'mutation($s: ID!, $l: String) { inviteStudent(studentId: $s, language: $l) { id } }';
const FIRST_INVITATION = 'query($id: ID!) { organization(id: $id) { invitations(first: 1) { edges { node { id } } } } }';
const ACCEPT_INVITATION = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id organizationId } } }';
const CREATE_BRANCH = 'mutation($input: CreateBranchInput!) { createBranch(input: $input) { id } }';
const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const CREATE_TRAINER = 'mutation($input: CreateTrainerInput!) { createTrainer(input: $input) { id } }';
const CREATE_PLACEMENT = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }';
const PUBLISH = `mutation($id: ID!) { publishPlacement(id: $id) {
  __typename ... on Placement { id status } ... on ComplianceRejection { code message rules } } }`;
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
const SET_PREFERENCES = `mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) {
  __typename ... on IneligiblePreferences { code message entries { placementId reason message } } } }`;

const SAVE_DOSSIER = 'mutation($input: QualificationDossierInput!) { saveQualificationDossier(input: $input) { id crebo validFrom validUntil } }';

const OPEN_ROUND = 'mutation($input: OpenMatchRoundInput!) { openMatchRound(input: $input) { id } }';
const ROUND_STATUS = 'query($id: ID!) { matchRound(id: $id) { status } }';
const OPEN_PROPOSALS = 'query($s: ID!) { proposals(filter: { studentId: $s, status: OPEN }) { edges { node { id } } } }';
const ANSWER = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
const INTERNSHIPS = '{ internships(first: 100) { edges { node { id studentId } } } }';
const REGISTER = 'mutation($input: RegisterInternshipInput!) { registerInternship(input: $input) { id status } }';
const INTERNSHIP_POK = 'query($id: ID!) { internship(id: $id) { pok { id guardianRequired } } }';
const SIGN_POK = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START_INTERNSHIP = 'mutation($id: ID!) { startInternship(id: $id) { status } }';

let sequence = 0;
/** Unique across the test files of a run (they share the Postgres server, each on its own database). */
function unique(): string {
  sequence += 1;
  return `${process.pid.toString(36)}${sequence.toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A password the strength check accepts (random, long, every character class). */
function strongPassword(): string {
  return `Stg-${randomBytes(12).toString('base64url')}-9x`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const brinCode = () => `${randomInt(10)}${randomInt(10)}${LETTERS[randomInt(26)]}${LETTERS[randomInt(26)]}`;
const kvkNumber = () => String(randomInt(10_000_000, 100_000_000));

export class Factories {
  private platform?: Promise<SignedIn>;
  private sbbOrganizationAdmin?: Promise<SignedIn>;
  private sbbStaff?: Promise<SignedIn>;
  /** The crebos this Factories has put in the register (see test/support/register.ts). */
  private readonly registered = new Map<string, Promise<void>>();

  constructor(private readonly t: FactoryTarget) {}

  /** The admin of a PLATFORM organization of this test's own (created once per `Factories`). */
  platformAdmin(): Promise<SignedIn> {
    return (this.platform ??= this.commandLineOrganization('PLATFORM'));
  }

  /** The admin of an SBB organization of this test's own (created once per `Factories`). */
  sbbAdmin(): Promise<SignedIn> {
    return (this.sbbOrganizationAdmin ??= this.commandLineOrganization('SBB'));
  }

  /** A staff member (an auditor) of that SBB organization: what SBB's daily work is done as. */
  sbb(): Promise<SignedIn> {
    return (this.sbbStaff ??= this.sbbAdmin().then((admin) => this.addUser(admin, 'STAFF')));
  }

  /**
   * A dossier version SBB saves in the qualification register (R4): `testDossier(crebo)` with
   * `change` (test/support/register.ts). Answers the saved version.
   */
  async dossier(crebo: string, change: Record<string, unknown> = {}): Promise<{ id: string; crebo: string; validFrom: string; validUntil: string | null }> {
    const saved = this.sbb().then(async (sbb) => dataOf(await this.t.gql(SAVE_DOSSIER, { input: testDossier(crebo, change) }, sbb.token)).saveQualificationDossier);
    // A crebo given its own dossier is not given the test register's as well.
    if (!this.registered.has(crebo)) this.registered.set(crebo, saved.then(() => undefined));
    return saved;
  }

  /** The test register's dossiers for `crebos` (by default every crebo the tests use), saved once per Factories. */
  async register(crebos: readonly string[] = TEST_CREBOS): Promise<void> {
    await Promise.all(crebos.map((crebo) => {
      let saved = this.registered.get(crebo);
      if (!saved) this.registered.set(crebo, (saved = this.dossier(crebo).then(() => undefined)));
      return saved;
    }));
  }

  /** A school, created by the PLATFORM admin, with its first admin and a staff member signed in. */
  async school(options: { name?: string } = {}): Promise<MadeSchool> {
    await this.register();
    const name = options.name ?? `School ${unique()}`;
    const { organization, admin } = await this.organization({ type: 'SCHOOL', name }, () => ({ brinCode: brinCode() }));
    const staff = await this.addUser(admin, 'STAFF');
    return { id: organization.id, name, brinCode: organization.brinCode as string, admin, staff };
  }

  /**
   * A company (zorg by default: R7 then asks only the trainer's level) with a branch (in Utrecht
   * unless `location` says otherwise) that SBB accredited for `crebos` (R1, from `grantedOn`, by
   * default 2026-01-01), and a qualified praktijkopleider there.
   */
  async company(options: { name?: string; sector?: string; crebos?: string[]; grantedOn?: string; location?: BranchLocation } = {}): Promise<MadeCompany> {
    const name = options.name ?? `Leerbedrijf ${unique()}`;
    const sector = options.sector ?? 'ZORG_WELZIJN_SPORT';
    const crebos = options.crebos ?? ['25655'];
    await this.register([...TEST_CREBOS, ...crebos]);
    const { organization, admin } = await this.organization({ type: 'COMPANY', name, sector }, () => ({ kvkNumber: kvkNumber() }));
    const staff = await this.addUser(admin, 'STAFF');
    const branchId = await this.accreditedBranch(admin, crebos, options);
    const trainer = {
      branchId,
      name: `Praktijkopleider ${unique()}`,
      qualificationLevel: 4,
      yearsOfExperience: 6,
      courseCompletedOn: '2025-01-10',
      sectorTrainingCompletedOn: '2025-01-10',
    };
    const trainerId = dataOf(await this.t.gql(CREATE_TRAINER, { input: trainer }, admin.token)).createTrainer.id;
    return { id: organization.id, name, sector, admin, staff, branchId, trainerId, crebos };
  }

  /** Another branch of the company (in Utrecht unless `location` says otherwise), accredited like its first for its crebos. */
  async branch(company: MadeCompany, options: { grantedOn?: string; location?: BranchLocation } = {}): Promise<string> {
    return this.accreditedBranch(company.admin, company.crebos, options);
  }

  /** A PUBLISHED placement at the company's branch (`validPlacement` with `change`); fails on a compliance rejection. */
  async publishedPlacement(company: MadeCompany, change: Record<string, unknown> = {}): Promise<string> {
    const input = validPlacement(company.branchId, company.trainerId, { title: `Stage ${unique()}`, ...change });
    const { id } = dataOf(await this.t.gql(CREATE_PLACEMENT, { input }, company.admin.token)).createPlacement;
    const published = dataOf(await this.t.gql(PUBLISH, { id }, company.admin.token)).publishPlacement;
    if (published.__typename !== 'Placement') throw new Error(`publishPlacement was refused: ${JSON.stringify(published)}`);
    return id;
  }

  /**
   * A student of the school (`validStudent` with `change`, and a unique identity), fitting the
   * placements of `publishedPlacement` by default (crebo 25655, level 3, near 3511). With
   * `preferences`, her preference list in that order.
   */
  async student(school: MadeSchool, change: Record<string, unknown> & { preferences?: string[] } = {}): Promise<MadeStudent> {
    const { preferences, ...fields } = change;
    const id = unique();
    const identity = { fullName: `Student ${id}`, dateOfBirth: '2008-05-14', email: `student-${id}@factory.test` };
    const input = { ...validStudent(), crebo: '25655', level: 3, radiusKm: 15, availableUntil: '2027-07-15', identity, ...fields };
    const studentId = dataOf(await this.t.gql(CREATE_STUDENT, { input }, school.staff.token)).createStudent.id;
    if (preferences) await this.preferences(school, studentId, preferences);
    return { id: studentId, identity: input.identity as MadeStudent['identity'] };
  }

  /** Sets a student's preference list; fails when a placement is not eligible for her. */
  async preferences(school: MadeSchool, studentId: string, placementIds: string[]): Promise<void> {
    const result = dataOf(await this.t.gql(SET_PREFERENCES, { s: studentId, p: placementIds }, school.staff.token)).setStudentPreferences;
    if (result.__typename !== 'StudentPreferenceList') throw new Error(`setStudentPreferences was refused: ${JSON.stringify(result)}`);
  }

  /**
   * An OPEN proposal for a new student of the school (`change` as for `student`) at the placement,
   * made the real way: the placement as her only preference, then a match round for the period of
   * `validPlacement`, opened by this test's PLATFORM admin. Fails when the round proposes nothing.
   */
  async proposal(school: MadeSchool, placementId: string, change: Record<string, unknown> = {}): Promise<MadeProposal> {
    const student = await this.student(school, { ...change, preferences: [placementId] });
    const platform = await this.platformAdmin();
    const round = dataOf(await this.t.gql(OPEN_ROUND, { input: { periodFrom: '2027-01-01', periodTo: '2027-03-01' } }, platform.token)).openMatchRound;
    await eventually(async () => dataOf(await this.t.gql(ROUND_STATUS, { id: round.id }, school.staff.token)).matchRound.status === 'COMPLETED');
    const [proposal] = dataOf(await this.t.gql(OPEN_PROPOSALS, { s: student.id }, school.staff.token)).proposals.edges;
    if (!proposal) throw new Error(`the match round proposed nothing for student ${student.id} at placement ${placementId}`);
    return { student, proposalId: proposal.node.id };
  }

  /** A PLANNED internship: a proposal (see `proposal`) that the company and then the school accept. */
  async internship(school: MadeSchool, company: MadeCompany, placementId: string, change: Record<string, unknown> = {}): Promise<MadeInternship> {
    const proposal = await this.proposal(school, placementId, change);
    dataOf(await this.t.gql(ANSWER, { id: proposal.proposalId }, company.admin.token));
    dataOf(await this.t.gql(ANSWER, { id: proposal.proposalId }, school.staff.token));
    const internships = dataOf(await this.t.gql(INTERNSHIPS, {}, school.staff.token)).internships.edges.map((edge: { node: { id: string; studentId: string } }) => edge.node);
    const internship = internships.find((node: { studentId: string }) => node.studentId === proposal.student.id);
    if (!internship) throw new Error(`accepting proposal ${proposal.proposalId} made no internship`);
    return { ...proposal, internshipId: internship.id };
  }

  // --- Issue #17, hours and assessment: an internship under way, the way its parties start it. ---

  /**
   * An ACTIVE internship (see `internship`): the school records the student's, the guardian's (when
   * she is under 18 on the start date) and its own signature, the company its own, and the
   * company starts it (R8). Returns the internship with its POK's id.
   */
  async activeInternship(school: MadeSchool, company: MadeCompany, placementId: string, change: Record<string, unknown> = {}): Promise<MadeInternship & { pokId: string }> {
    const made = await this.internship(school, company, placementId, change);
    const { pok } = dataOf(await this.t.gql(INTERNSHIP_POK, { id: made.internshipId }, school.staff.token)).internship;
    for (const party of ['STUDENT', 'SCHOOL', ...(pok.guardianRequired ? ['GUARDIAN'] : [])]) dataOf(await this.t.gql(SIGN_POK, { id: pok.id, party }, school.staff.token));
    dataOf(await this.t.gql(SIGN_POK, { id: pok.id, party: 'COMPANY' }, company.admin.token));
    dataOf(await this.t.gql(START_INTERNSHIP, { id: made.internshipId }, company.admin.token));
    return { ...made, pokId: pok.id };
  }

  /**
   * A self-found internship the school registered for a new student of its own (`change` as for
   * `student`) at the company's branch, REQUESTED: the terms of `validPlacement` (BOL, 32 h, the
   * R15 floor) with `terms`, the company's praktijkopleider unless `terms` says otherwise.
   */
  async registration(school: MadeSchool, company: MadeCompany, terms: Record<string, unknown> = {}, change: Record<string, unknown> = {}): Promise<{ student: MadeStudent; registrationId: string }> {
    const student = await this.student(school, change);
    const input = selfFoundTerms(student.id, company, terms);
    const { id } = dataOf(await this.t.gql(REGISTER, { input }, school.staff.token)).registerInternship;
    return { student, registrationId: id };
  }

  /** A signed-in user of every role, each in organizations of this test's own. */
  async tokens(): Promise<Record<Role, string>> {
    const [platform, sbbAdmin, sbb, school, company] = await Promise.all([this.platformAdmin(), this.sbbAdmin(), this.sbb(), this.school(), this.company()]);
    return {
      platformAdmin: platform.token,
      sbbAdmin: sbbAdmin.token,
      sbb: sbb.token,
      schoolAdmin: school.admin.token,
      schoolStaff: school.staff.token,
      companyAdmin: company.admin.token,
      companyStaff: company.staff.token,
    };
  }

  private async accreditedBranch(admin: SignedIn, crebos: string[], options: { grantedOn?: string; location?: BranchLocation }): Promise<string> {
    const { street, postcode, city } = options.location ?? UTRECHT;
    const branch = { name: `Vestiging ${unique()}`, street, houseNumber: String(randomInt(1, 400)), postcode, city, addressHidden: false };
    const branchId = dataOf(await this.t.gql(CREATE_BRANCH, { input: branch }, admin.token)).createBranch.id;
    const sbb = await this.sbb();
    for (const crebo of crebos) {
      dataOf(await this.t.gql(GRANT, { input: { branchId, crebo, grantedOn: options.grantedOn ?? '2026-01-01' } }, sbb.token));
    }
    return branchId;
  }

  private async commandLineOrganization(type: 'SBB' | 'PLATFORM'): Promise<SignedIn> {
    const email = `beheer-${unique()}@${type.toLowerCase()}.test`;
    const name = `Beheerder ${unique()}`;
    const out: string[] = [];
    const err: string[] = [];
    const argv = ['--type', type, '--name', `${type} ${unique()}`, '--admin-email', email, '--admin-name', name];
    const code = await orgCreate(argv, { output: { out: (line) => out.push(line), err: (line) => err.push(line) }, databaseUrl: this.t.databaseUrl, clock: this.t.clock });
    if (code !== 0) throw new Error(`org:create ${type} failed (${code}): ${err.join('\n')}`);
    // The invitation link is the last line the command prints; she accepts it with a password of her own.
    return this.accept(new URL(out.at(-1)!.trim()).hash.replace('#token=', ''), { email, name });
  }

  /** createOrganization by the PLATFORM admin; a random BRIN or KvK number that is taken is drawn again. */
  private async organization(
    fields: { type: 'SCHOOL' | 'COMPANY'; name: string; sector?: string },
    registration: () => Record<string, string>,
  ): Promise<{ organization: Record<string, unknown> & { id: string }; admin: SignedIn }> {
    const platform = await this.platformAdmin();
    const email = `admin-${unique()}@factory.test`;
    const adminName = `Beheerder ${fields.name}`;
    for (let attempt = 1; ; attempt += 1) {
      const codes = registration();
      const input = { ...fields, ...codes, firstAdmin: { email, name: adminName } };
      const response = await this.t.gql(CREATE_ORGANIZATION, { input }, platform.token);
      const taken = response.errors?.some((error) => Object.keys(codes).some((key) => JSON.stringify(error).includes(key)));
      if (taken && attempt < 5) continue;
      const organization = { ...dataOf(response).createOrganization, ...codes };
      const [invitation] = dataOf(await this.t.gql(FIRST_INVITATION, { id: organization.id }, platform.token)).organization.invitations.edges;
      return { organization, admin: await this.accept(await this.knownInvitationToken(invitation.node.id), { email, name: adminName }) };
    }
  }

  /** A colleague invited by `admin` (through inviteUser) who accepted with a password of her own. */
  async addUser(
    admin: SignedIn,
    role: 'ADMIN' | 'STAFF',
    { language = 'nl', password = strongPassword(), email = `${role.toLowerCase()}-${unique()}@factory.test`, name = `Medewerker ${unique()}` }: { language?: 'nl' | 'en'; password?: string; email?: string; name?: string } = {},
  ): Promise<SignedIn> {
    const invitation = dataOf(await this.t.gql(INVITE_USER, { input: { email, name, role, language } }, admin.token)).inviteUser;
    return this.accept(await this.knownInvitationToken(invitation.id), { email, name, password });
  }

  /**
   * The student's own account (issue #17): her school's staff invite her (to her identity's
   * address) and she accepts with a password of her own; she acts as herself with `token`.
   */
  async studentAccount(school: MadeSchool, student: MadeStudent, { language }: { language?: 'nl' | 'en' } = {}): Promise<SignedIn> {
    const invitation = dataOf(await this.t.gql(INVITE_STUDENT, { s: student.id, l: language ?? null }, school.staff.token)).inviteStudent;
    return this.accept(await this.knownInvitationToken(invitation.id), { email: student.identity.email, name: student.identity.fullName });
  }

  /** She accepts an invitation with a password of her own and is signed in. */
  private async accept(token: string, { email, name, password = strongPassword() }: { email: string; name: string; password?: string }): Promise<SignedIn> {
    const accepted = dataOf(await this.t.gql(ACCEPT_INVITATION, { t: token, p: password })).acceptInvitation;
    return { id: accepted.user.id, organizationId: accepted.user.organizationId, email, name, password, token: accepted.token };
  }

  /**
   * Factories do not read the invitation e-mail: the invitation gets a token the test knows in
   * place of the mailed one (whose link then no longer works). test/invitations.e2e-spec.ts follows the real e-mail.
   */
  private async knownInvitationToken(invitationId: string): Promise<string> {
    const { token, hash } = newSecretToken();
    const client = new Client({ connectionString: this.t.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE invitations SET token_hash = $2 WHERE id = $1', [invitationId, hash]);
    } finally {
      await client.end();
    }
    return token;
  }
}
