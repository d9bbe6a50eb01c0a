import { Factories, GRONINGEN, type MadeCompany, type MadeSchool } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

/**
 * The API's shape for front-end clients (issue #19): keyset cursors that never shift, sorting,
 * Dutch full-text search on placements, and Relay's node(id) under each type's own authorization.
 */
const STUDENTS = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: StudentOrder) {
  students(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id identity { fullName } } } } }`;
const SEARCH = `query($filter: PlacementFilter, $orderBy: PlacementOrder, $first: Int, $after: String) {
  placements(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title distanceKm company { name } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Student { crebo identity { fullName } }
  ... on Placement { title }
  ... on Proposal { proposalStatus: status candidate { pseudonym } }
  ... on Internship { internshipStatus: status student { fullName } } } }`;
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';

describe('API shape: cursors, sorting, search, nodes', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
  });
  afterAll(() => t.stop());

  const names = (connection: { edges: { node: { identity: { fullName: string } } }[] }) => connection.edges.map((edge) => edge.node.identity.fullName);

  describe('keyset cursors', () => {
    it('continues after the last row of the page even when rows were inserted before the cursor meanwhile', async () => {
      const own = await make.school();
      for (const name of ['Anna', 'Bram', 'Cas', 'Daan']) await make.student(own, { identity: { fullName: name, dateOfBirth: '2008-05-14', email: `${name}-${Date.now()}@shape.test` } });
      // newest first: Daan, Cas | Bram, Anna
      const first = dataOf(await t.gql(STUDENTS, { first: 2 }, own.staff.token)).students;
      expect(names(first)).toEqual(['Daan', 'Cas']);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

      // Two students created now sort before the cursor (newer): an offset of 2 would give Cas again.
      for (const name of ['Eva', 'Fenna']) await make.student(own, { identity: { fullName: name, dateOfBirth: '2008-05-14', email: `${name}-${Date.now()}@shape.test` } });
      const next = dataOf(await t.gql(STUDENTS, { first: 2, after: first.pageInfo.endCursor }, own.staff.token)).students;
      expect(names(next)).toEqual(['Bram', 'Anna']);
      expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(next.totalCount).toBe(6);

      // Backward from Bram: the two just before him, in list order, and the new ones before them.
      const back = dataOf(await t.gql(STUDENTS, { last: 2, before: next.edges[0].cursor }, own.staff.token)).students;
      expect(names(back)).toEqual(['Daan', 'Cas']);
      expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const newest = dataOf(await t.gql(STUDENTS, { last: 2, before: back.pageInfo.startCursor }, own.staff.token)).students;
      expect(names(newest)).toEqual(['Fenna', 'Eva']);
      expect(newest.pageInfo.hasPreviousPage).toBe(false);
    });

    it('sorts by name either way, and refuses a cursor of another ordering or one it did not issue', async () => {
      const own = await make.school();
      for (const name of ['bert', 'Anouk', 'Chris']) await make.student(own, { identity: { fullName: name, dateOfBirth: '2008-05-14', email: `${name}-${Date.now()}@shape.test` } });
      const ascending = dataOf(await t.gql(STUDENTS, { first: 2, orderBy: { field: 'NAME' } }, own.staff.token)).students;
      expect(names(ascending)).toEqual(['Anouk', 'bert']);
      const rest = dataOf(await t.gql(STUDENTS, { first: 2, after: ascending.pageInfo.endCursor, orderBy: { field: 'NAME' } }, own.staff.token)).students;
      expect(names(rest)).toEqual(['Chris']);
      const descending = dataOf(await t.gql(STUDENTS, { first: 3, orderBy: { field: 'NAME', direction: 'DESC' } }, own.staff.token)).students;
      expect(names(descending)).toEqual(['Chris', 'bert', 'Anouk']);

      const wrong = onlyError(await t.gql(STUDENTS, { first: 2, after: ascending.pageInfo.endCursor }, own.staff.token));
      expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'after' })] });
      expect(onlyError(await t.gql(STUDENTS, { first: 2, after: 'b2Zmc2V0OjI' }, own.staff.token)).extensions?.code).toBe('BAD_USER_INPUT');
      expect(onlyError(await t.gql(STUDENTS, { first: 2, last: 2 }, own.staff.token)).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('placement search (Dutch full text)', () => {
    let zorg: MadeCompany;
    let inTitle: string;
    let inDescription: string;
    let byWerkproces: string;

    beforeAll(async () => {
      zorg = await make.company({ name: `Thuiszorg Kwakernaat ${Date.now()}` });
      inTitle = await make.publishedPlacement(zorg, { title: 'Verpleegkundige wijkzorg', description: 'Je werkt in de wijk.' });
      inDescription = await make.publishedPlacement(zorg, { title: 'Stage zorg en welzijn', description: 'Samen met een verpleegkundige bezoek je cliënten thuis.' });
      byWerkproces = await make.publishedPlacement(zorg, { title: 'Stage begeleiding', description: 'Dagbesteding.', werkprocessen: ['Biedt persoonlijke verzorging'] });
      const far = await make.company({ location: GRONINGEN });
      await make.publishedPlacement(far, { title: 'Verpleegkundige in Groningen', description: 'Noord.' });
    });

    const search = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
      dataOf(await t.gql(SEARCH, { filter, orderBy, first: 50 }, school.staff.token)).placements;
    const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

    it('finds stemmed Dutch words (verpleegkundigen → verpleegkundige), title matches ranked first', async () => {
      const found = await search({ search: 'verpleegkundigen', companyId: zorg.id });
      expect(ids(found)).toEqual([inTitle, inDescription]);
      expect(found.totalCount).toBe(2);
    });

    it('searches the company name and the werkprocessen', async () => {
      expect(ids(await search({ search: 'kwakernaat' }))).toEqual(expect.arrayContaining([inTitle, inDescription, byWerkproces]));
      expect(ids(await search({ search: 'verzorging', companyId: zorg.id }))).toEqual([byWerkproces]);
    });

    it('combines with near and the filters, and sorts by distance when asked', async () => {
      const everywhere = await search({ search: 'verpleegkundige' });
      expect(everywhere.edges.map((edge: any) => edge.node.title)).toEqual(expect.arrayContaining(['Verpleegkundige in Groningen']));
      const nearUtrecht = await search({ search: 'verpleegkundige', near: { postcode: '3511', radiusKm: 10 } });
      expect(ids(nearUtrecht)).toEqual(expect.arrayContaining([inTitle, inDescription]));
      expect(nearUtrecht.edges.every((edge: any) => edge.node.distanceKm <= 10)).toBe(true);
      expect(nearUtrecht.edges.some((edge: any) => edge.node.title === 'Verpleegkundige in Groningen')).toBe(false);
      const byDistance = await search({ search: 'verpleegkundige', near: { postcode: '3511', radiusKm: 200 } }, { field: 'DISTANCE' });
      const distances = byDistance.edges.map((edge: any) => edge.node.distanceKm);
      expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
      expect(byDistance.edges.at(-1).node.title).toBe('Verpleegkundige in Groningen');
      expect(ids(await search({ search: 'verpleegkundige', crebo: '25604' }))).toEqual([]);
    });

    it('pages a ranked search with cursors that neither repeat nor skip', async () => {
      const all = ids(await search({ search: 'kwakernaat' }));
      const pages: string[] = [];
      let after: string | null = null;
      do {
        const page: any = dataOf(await t.gql(SEARCH, { filter: { search: 'kwakernaat' }, first: 1, after }, school.staff.token)).placements;
        pages.push(...ids(page));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(pages).toEqual(all);
    });

    it('refuses RELEVANCE without search and DISTANCE without near', async () => {
      for (const field of ['RELEVANCE', 'DISTANCE']) {
        const error = onlyError(await t.gql(SEARCH, { filter: {}, orderBy: { field } }, school.staff.token));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'orderBy.field' })] });
      }
    });
  });

  describe('school tasks sorted', () => {
    it('sorts by when they arose either way and by status (open first), paging with cursors of that ordering', async () => {
      const students = [];
      for (let i = 0; i < 3; i += 1) students.push(await make.student(school));
      const taskIds: string[] = [];
      const reportIds: string[] = [];
      for (const student of students) {
        reportIds.push(dataOf(await t.gql('mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id } }', {
          input: { companyId: company.id, studentId: student.id, ground: 'RACE_OR_ORIGIN', description: 'Afgewezen om haar achternaam bij het kennismakingsgesprek', incidentDate: '2026-11-02' },
        }, school.staff.token)).fileDiscriminationReport.id);
        const { schoolTasks } = dataOf(await t.gql('{ schoolTasks(first: 1) { edges { node { id } } } }', {}, school.staff.token));
        taskIds.push(schoolTasks.edges[0].node.id);
      }
      expect(new Set(taskIds).size).toBe(3);
      dataOf(await t.gql('mutation($id: ID!) { completeSchoolTask(id: $id, note: "Nazorggesprek gevoerd") { status } }', { id: taskIds[2] }, school.staff.token));

      const TASKS = 'query($orderBy: SchoolTaskOrder, $first: Int, $after: String) { schoolTasks(orderBy: $orderBy, first: $first, after: $after) { pageInfo { endCursor } edges { node { id status } } } }';
      const ids = async (orderBy: unknown) => dataOf(await t.gql(TASKS, { orderBy }, school.staff.token)).schoolTasks.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(await ids(null)).toEqual([...taskIds].reverse());
      expect(await ids({ field: 'CREATED_AT', direction: 'ASC' })).toEqual(taskIds);
      expect(await ids({ field: 'STATUS', direction: 'ASC' })).toEqual([taskIds[0], taskIds[1], taskIds[2]]);
      expect(await ids({ field: 'STATUS', direction: 'DESC' })).toEqual([taskIds[2], taskIds[1], taskIds[0]]);

      const first = dataOf(await t.gql(TASKS, { orderBy: { field: 'STATUS', direction: 'ASC' }, first: 2 }, school.staff.token)).schoolTasks;
      const rest = dataOf(await t.gql(TASKS, { orderBy: { field: 'STATUS', direction: 'ASC' }, first: 2, after: first.pageInfo.endCursor }, school.staff.token)).schoolTasks;
      expect([...first.edges, ...rest.edges].map((edge: { node: { id: string } }) => edge.node.id)).toEqual([taskIds[0], taskIds[1], taskIds[2]]);
      expect(onlyError(await t.gql(TASKS, { orderBy: { field: 'KIND' }, after: first.pageInfo.endCursor }, school.staff.token)).extensions.code).toBe('BAD_USER_INPUT');
      expect(dataOf(await t.gql(TASKS, { orderBy: { field: 'CREATED_AT', direction: 'ASC' } }, otherSchool.staff.token)).schoolTasks.edges).toEqual([]);

      // A step of a report's history refetches through node(id) for the reporting school (and SBB), no one else.
      const { investigateDiscriminationReport } = dataOf(await t.gql('mutation($id: ID!) { investigateDiscriminationReport(id: $id) { transitions { id toStatus } } }', { id: reportIds[0] }, school.staff.token));
      const step = investigateDiscriminationReport.transitions.find((transition: { toStatus: string }) => transition.toStatus === 'INVESTIGATING').id;
      const typeFor = async (token: string) => dataOf(await t.gql(NODES, { ids: [step] }, token)).nodes[0]?.__typename ?? null;
      expect(await typeFor(school.staff.token)).toBe('DiscriminationReportTransition');
      expect(await typeFor((await make.sbb()).token)).toBe('DiscriminationReportTransition');
      expect(await typeFor(otherSchool.staff.token)).toBeNull();
      expect(await typeFor(company.admin.token)).toBeNull();

      // The reports themselves sort too: by when they were filed, or by their step in the R22 flow.
      const REPORTS = 'query($orderBy: DiscriminationReportOrder) { discriminationReports(orderBy: $orderBy) { edges { node { id } } } }';
      const reports = async (orderBy: unknown) => dataOf(await t.gql(REPORTS, { orderBy }, school.staff.token)).discriminationReports.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(await reports(null)).toEqual([...reportIds].reverse());
      expect(await reports({ field: 'CREATED_AT', direction: 'ASC' })).toEqual(reportIds);
      expect(await reports({ field: 'STATUS', direction: 'ASC' })).toEqual([reportIds[1], reportIds[2], reportIds[0]]);
    });
  });

  describe('self-found registrations sorted', () => {
    it('sorts by when they were registered either way, and by the start asked for', async () => {
      const later = (await make.registration(school, company, { startDate: '2027-03-01', endDate: '2027-06-30' })).registrationId;
      const earlier = (await make.registration(school, company, { startDate: '2027-02-01', endDate: '2027-06-30' })).registrationId;
      const REGISTRATIONS = 'query($orderBy: InternshipRegistrationOrder) { internshipRegistrations(orderBy: $orderBy) { edges { node { id } } } }';
      const ids = async (orderBy: unknown, token = school.staff.token) =>
        dataOf(await t.gql(REGISTRATIONS, { orderBy }, token)).internshipRegistrations.edges.map((edge: { node: { id: string } }) => edge.node.id).filter((id: string) => [later, earlier].includes(id));
      expect(await ids(null)).toEqual([earlier, later]);
      expect(await ids({ field: 'CREATED_AT', direction: 'ASC' })).toEqual([later, earlier]);
      expect(await ids({ field: 'START_DATE', direction: 'ASC' })).toEqual([earlier, later]);
      expect(await ids({ field: 'START_DATE', direction: 'DESC' }, company.admin.token)).toEqual([later, earlier]);
    });
  });

  describe('node(id), nodes(ids) and the lookups', () => {
    let placementId: string;
    let internship: Awaited<ReturnType<Factories['internship']>>;
    let proposal: Awaited<ReturnType<Factories['proposal']>>;
    let otherStudent: string;

    beforeAll(async () => {
      placementId = await make.publishedPlacement(company, { capacity: 3 });
      internship = await make.internship(school, company, placementId);
      proposal = await make.proposal(school, placementId);
      otherStudent = (await make.student(otherSchool)).id;
    });

    it('refetches a student for her own school, identity included', async () => {
      const { node } = dataOf(await t.gql(NODE, { id: otherStudent }, otherSchool.staff.token));
      expect(node).toMatchObject({ __typename: 'Student', id: otherStudent, crebo: '25655' });
      expect(node.identity.fullName).toMatch(/^Student /);
    });

    it("gives another school's student as an unknown id, and a company no student at all", async () => {
      for (const token of [school.staff.token, company.admin.token]) {
        const error = onlyError(await t.gql(NODE, { id: otherStudent }, token));
        expect(error).toMatchObject({ message: 'Object niet gevonden', extensions: { code: 'NOT_FOUND' } });
        const unknown = onlyError(await t.gql(NODE, { id: '00000000-0000-4000-8000-000000000000' }, token));
        expect(unknown.message).toBe(error.message);
      }
      // the internship's student is the one place a company reads her identity (R20); her Student stays the school's
      const error = onlyError(await t.gql(NODE, { id: internship.student.id }, company.admin.token));
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });

    it('gives the company its proposal as a blind candidate and its internship', async () => {
      const asCompany = dataOf(await t.gql(NODE, { id: proposal.proposalId }, company.admin.token)).node;
      expect(asCompany).toMatchObject({ __typename: 'Proposal', proposalStatus: 'OPEN', candidate: { pseudonym: expect.any(String) } });
      expect(JSON.stringify(asCompany)).not.toContain(proposal.student.identity.fullName);
      const ofInternship = dataOf(await t.gql(NODE, { id: internship.internshipId }, company.admin.token)).node;
      expect(ofInternship).toMatchObject({ __typename: 'Internship', student: { fullName: internship.student.identity.fullName } });
      expect(onlyError(await t.gql(NODE, { id: internship.internshipId }, otherSchool.staff.token)).extensions?.code).toBe('NOT_FOUND');
    });

    it('nodes(ids) keeps the order asked and answers null for what the caller may not see', async () => {
      const ids = [placementId, otherStudent, internship.student.id, '00000000-0000-4000-8000-000000000000'];
      const { nodes } = dataOf(await t.gql(NODES, { ids }, school.staff.token));
      expect(nodes).toEqual([{ __typename: 'Placement', id: placementId }, null, { __typename: 'Student', id: internship.student.id }, null]);
    });

    it('refetches a POK for the internship’s parties, a user for her own organization, a norm set for anyone', async () => {
      const { internship: found } = dataOf(await t.gql('query($id: ID!) { internship(id: $id) { pok { id terms { id } } } }', { id: internship.internshipId }, company.admin.token));
      expect(found.pok.terms.id).toBe(found.pok.id);
      expect(dataOf(await t.gql(NODES, { ids: [found.pok.id] }, school.staff.token)).nodes).toEqual([{ __typename: 'Pok', id: found.pok.id }]);
      expect(dataOf(await t.gql(NODES, { ids: [found.pok.id] }, otherSchool.staff.token)).nodes).toEqual([null]);

      expect(dataOf(await t.gql(NODES, { ids: [school.staff.id] }, school.admin.token)).nodes).toEqual([{ __typename: 'User', id: school.staff.id }]);
      expect(onlyError(await t.gql(NODE, { id: school.staff.id }, otherSchool.admin.token)).message).toBe('Object niet gevonden');

      const { normSets } = dataOf(await t.gql('{ normSets { id } }', {}, company.admin.token));
      expect(dataOf(await t.gql(NODES, { ids: [normSets[0].id] }, company.admin.token)).nodes).toEqual([{ __typename: 'NormSet', id: normSets[0].id }]);
    });

    it('refetches an accreditation for anyone and a trainer assignment for its company only', async () => {
      const { accreditations, trainerAssignments } = dataOf(await t.gql('{ accreditations(first: 1) { edges { node { id } } } trainerAssignments(first: 1) { edges { node { id } } } }', {}, company.admin.token));
      const [accreditation, assignment] = [accreditations.edges[0].node.id, trainerAssignments.edges[0].node.id];
      expect(dataOf(await t.gql(NODES, { ids: [accreditation, assignment] }, company.admin.token)).nodes).toEqual([
        { __typename: 'Accreditation', id: accreditation },
        { __typename: 'TrainerAssignment', id: assignment },
      ]);
      const stranger = await make.company();
      expect(dataOf(await t.gql(NODES, { ids: [accreditation, assignment] }, stranger.admin.token)).nodes).toEqual([{ __typename: 'Accreditation', id: accreditation }, null]);
    });

    it("refetches the account, register, compliance and notification types under their own lists' authorization", async () => {
      const sbb = await make.sbb();
      const stranger = await make.company();
      const refused = dataOf(await t.gql('mutation($input: RefuseAccreditationInput!) { refuseAccreditation(input: $input) { id } }',
        { input: { branchId: company.branchId, crebo: '25180', refusedOn: '2026-08-31', reason: 'Geen praktijkopleider aangesteld' } }, sbb.token)).refuseAccreditation.id;
      const apiKey = dataOf(await t.gql('mutation { createApiKey(input: { name: "Roosterkoppeling", role: STAFF }) { apiKey { id } } }', {}, company.admin.token)).createApiKey.apiKey.id;
      const invitation = dataOf(await t.gql('mutation { inviteUser(input: { email: "nieuwe-collega@api-shape.test", name: "Nieuwe Collega", role: STAFF }) { id } }', {}, school.admin.token)).inviteUser.id;
      const dossier = dataOf(await t.gql('{ qualificationDossier(crebo: "25655") { id } }', {}, company.staff.token)).qualificationDossier.id;
      const { placement } = dataOf(await t.gql('query($id: ID!) { placement(id: $id) { complianceHistory(first: 1) { edges { node { id } } } } }', { id: placementId }, company.admin.token));
      const evaluation = placement.complianceHistory.edges[0].node.id;
      // the invitation's acceptance tells the school's admins: a notification and an e-mail delivery each
      await make.addUser(school.admin, 'STAFF');
      const notification = await eventually(async () => dataOf(await t.gql('{ notifications(first: 1) { edges { node { id } } } }', {}, school.admin.token)).notifications.edges[0]?.node.id);
      const delivery = await eventually(async () => dataOf(await t.gql('{ deliveries(first: 1) { edges { node { id } } } }', {}, school.admin.token)).deliveries.edges[0]?.node.id);

      const ids = [refused, apiKey, invitation, dossier, evaluation, notification, delivery];
      const typesFor = async (token: string) => dataOf(await t.gql(NODES, { ids }, token)).nodes.map((node: { __typename: string } | null) => node?.__typename ?? null);
      expect(await typesFor(sbb.token)).toEqual(['AccreditationRefusal', null, null, 'QualificationDossier', 'ComplianceEvaluation', null, null]);
      expect(await typesFor(company.admin.token)).toEqual(['AccreditationRefusal', 'ApiKey', null, 'QualificationDossier', 'ComplianceEvaluation', null, null]);
      expect(await typesFor(company.staff.token)).toEqual(['AccreditationRefusal', null, null, 'QualificationDossier', 'ComplianceEvaluation', null, null]);
      expect(await typesFor(stranger.admin.token)).toEqual([null, null, null, 'QualificationDossier', null, null, null]);
      expect(await typesFor(school.admin.token)).toEqual([null, null, 'Invitation', 'QualificationDossier', null, 'Notification', 'Delivery']);
      expect(await typesFor(school.staff.token)).toEqual([null, null, null, 'QualificationDossier', null, null, null]);
      expect(await typesFor(otherSchool.admin.token)).toEqual([null, null, null, 'QualificationDossier', null, null, null]);
    });

    it('refetches an audit entry by the UUID its list shows, for SBB only; its sequence keeps the order rows were written in', async () => {
      const sbb = await make.sbb();
      const { auditLog } = dataOf(await t.gql('{ auditLog(first: 2) { edges { node { id sequence action entityId } } } }', {}, sbb.token));
      const [newest, older] = auditLog.edges.map((edge: any) => edge.node);
      expect(newest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(BigInt(newest.sequence)).toBeGreaterThan(BigInt(older.sequence));

      const entry = 'query($id: ID!) { node(id: $id) { __typename id ... on AuditEntry { sequence action entityId } } }';
      expect(dataOf(await t.gql(entry, { id: newest.id }, sbb.token)).node).toEqual({ __typename: 'AuditEntry', ...newest });
      expect(dataOf(await t.gql(NODES, { ids: [older.id, newest.id] }, sbb.token)).nodes).toEqual([
        { __typename: 'AuditEntry', id: older.id },
        { __typename: 'AuditEntry', id: newest.id },
      ]);
      for (const token of [school.admin.token, company.admin.token]) {
        expect(onlyError(await t.gql(NODE, { id: newest.id }, token))).toMatchObject({ message: 'Object niet gevonden', extensions: { code: 'NOT_FOUND' } });
      }
    });

    it('filters with filter: inputs; the loose arguments still answer the same and are deprecated', async () => {
      const byFilter = dataOf(await t.gql('{ proposals(filter: { status: OPEN }) { edges { node { id } } } internships(filter: { status: PLANNED }) { edges { node { id } } } }', {}, school.staff.token));
      const loose = dataOf(await t.gql('{ proposals(status: OPEN) { edges { node { id } } } internships(status: PLANNED) { edges { node { id } } } }', {}, school.staff.token));
      expect(byFilter).toEqual(loose);
      expect(byFilter.proposals.edges.map((edge: any) => edge.node.id)).toContain(proposal.proposalId);
      expect(byFilter.internships.edges.map((edge: any) => edge.node.id)).toEqual([internship.internshipId]);
      const none = dataOf(await t.gql('{ internships(filter: { status: ACTIVE }, status: PLANNED) { totalCount } }', {}, school.staff.token));
      expect(none.internships.totalCount).toBe(0); // filter wins

      const { __schema } = dataOf(await t.gql('{ __schema { queryType { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } } }', {}, school.staff.token));
      const args = (field: string) => __schema.queryType.fields.find((candidate: any) => candidate.name === field).args;
      for (const [field, names] of Object.entries({ proposals: ['placementId', 'studentId', 'status'], internships: ['status'], agreements: ['status'], companyPlacements: ['status'], notifications: ['unreadOnly'], organizations: ['type'], trainerAssignments: ['trainerId', 'placementId', 'activeOnly'], internshipRegistrations: ['status'] })) {
        for (const name of names) expect(args(field).find((arg: any) => arg.name === name)).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('filter') });
        expect(args(field).find((arg: any) => arg.name === 'filter')).toMatchObject({ isDeprecated: false });
      }
    });

    it('looks up one internship, proposal, trainer and school task under the lists’ authorization', async () => {
      const q = `query($i: ID!, $p: ID!, $t: ID!) { internship(id: $i) { id status } proposal(id: $p) { id status } trainer(id: $t) { id name } }`;
      const mine = dataOf(await t.gql(q, { i: internship.internshipId, p: proposal.proposalId, t: company.trainerId }, company.admin.token));
      expect(mine).toMatchObject({ internship: { id: internship.internshipId }, proposal: { id: proposal.proposalId }, trainer: { id: company.trainerId } });
      const other = await make.company();
      for (const [field, id] of [['internship', internship.internshipId], ['proposal', proposal.proposalId], ['trainer', company.trainerId]]) {
        const error = onlyError(await t.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id }, other.admin.token));
        expect(error.extensions?.code).toBe('NOT_FOUND');
      }
      const task = onlyError(await t.gql('query($id: ID!) { schoolTask(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, school.staff.token));
      expect(task).toMatchObject({ message: 'Schooltaak niet gevonden', extensions: { code: 'NOT_FOUND' } });
    });
  });
});
