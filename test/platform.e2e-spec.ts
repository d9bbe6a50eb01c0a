import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type Queue, QueueEvents } from 'bullmq';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { printSortedSchema } from '../src/common/graphql/print-schema';
import { OutboxRelay } from '../src/modules/events/outbox-relay.service';
import { JobName, QueueName } from '../src/queues/queues';
import { Factories, type MadeCompany } from './support/factories';
import { validStudent } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

/** Root fields from which a type can be reached by following output fields. */
function rootFieldsReaching(schema: GraphQLSchema, target: string): string[] {
  const reaches = new Map<string, boolean>();
  const visit = (typeName: string, path: Set<string>): boolean => {
    if (typeName === target) return true;
    if (reaches.has(typeName)) return reaches.get(typeName)!;
    const type = schema.getType(typeName);
    if (!isObjectType(type) || path.has(typeName)) return false;
    const next = new Set([...path, typeName]);
    const result = Object.values(type.getFields()).some((field) => visit(getNamedType(field.type).name, next));
    reaches.set(typeName, result);
    return result;
  };
  return (['Query', 'Mutation'] as const).flatMap((root) =>
    Object.values((root === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields())
      .filter((field) => visit(getNamedType(field.type).name, new Set()))
      .map((field) => `${root}.${field.name}`),
  );
}

describe('platform conventions', () => {
  let t: TestApp;
  let company: MadeCompany;
  let schoolStaff: string;
  let sbb: string;
  let studentId: string;
  /** A PUBLISHED placement whose end date has passed by the daily run's day. */
  let ended: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    const accredited = () => make.company({ grantedOn: '2024-09-01' });
    const [school, auditor, ...companies] = await Promise.all([make.school(), make.sbb(), accredited(), accredited(), accredited()]);
    [company, schoolStaff, sbb] = [companies[0], school.staff.token, auditor.token];
    studentId = (await make.student(school)).id;
    // Fifteen PUBLISHED placements at three companies: the statement-count test pages through them.
    await Promise.all(companies.flatMap((each) => [1, 2, 3, 4, 5].map(() => make.publishedPlacement(each))));
    ended = await make.publishedPlacement(companies[0], { startDate: '2025-01-06', endDate: '2025-06-30' });
  }, 120_000);
  afterAll(() => t.stop());

  it('keeps graphql/schema.graphql equal to the schema the code generates (run npm run schema:generate)', () => {
    const committed = readFileSync(join(__dirname, '..', 'graphql', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(t.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });

  it('has no schema change that a migration does not cover', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reaches student identity only through school-only operations, her own (myStudent), and internships, which exist only after both sides accepted', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    expect(rootFieldsReaching(schema, 'StudentIdentity').sort()).toEqual([
      'Mutation.archiveStudent',
      'Mutation.completeInternship',
      'Mutation.createStudent',
      'Mutation.startInternship',
      'Mutation.terminateInternship',
      'Mutation.updateStudent',
      'Query.internship',
      'Query.internships',
      'Query.myStudent',
      'Query.student',
      'Query.students',
      'Query.studentsWithoutPlacement',
    ]);
    // matching.e2e-spec.ts shows the reveal itself; without an accepted proposal a company has no internship.
    expect(dataOf(await t.gql('{ internships { totalCount } }', {}, company.admin.token)).internships.totalCount).toBe(0);
    expect(dataOf(await t.gql('query($id: ID!) { student(id: $id) { id } }', { id: studentId }, schoolStaff)).student.id).toBe(studentId);
    for (const token of [company.admin.token, company.staff.token]) {
      const attempts = [
        t.gql('{ students { edges { node { identity { fullName dateOfBirth email phone } } } } }', {}, token),
        t.gql('query($id: ID!) { student(id: $id) { identity { fullName } } }', { id: studentId }, token),
        t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { identity { fullName } } }', { input: validStudent() }, token),
        t.gql('mutation($id: ID!) { updateStudent(id: $id, input: { radiusKm: 5 }) { identity { fullName } } }', { id: studentId }, token),
        t.gql('mutation($id: ID!) { archiveStudent(id: $id) { identity { fullName } } }', { id: studentId }, token),
        t.gql('{ studentsWithoutPlacement { students { edges { node { student { identity { fullName } } } } } } }', {}, token),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(onlyError(response).extensions.code).toBe('FORBIDDEN');
        expect(response.data ?? null).toBeNull();
      }
      // node(id)/nodes(ids) return the Node interface (not followed above); they call each type's own lookup, so a Student only for her school
      const byNode = await t.gql('query($id: ID!) { node(id: $id) { ... on Student { identity { fullName } } } }', { id: studentId }, token);
      expect(onlyError(byNode)).toMatchObject({ message: 'Object niet gevonden', extensions: { code: 'NOT_FOUND' } });
      const byNodes = dataOf(await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Student { identity { fullName } } } }', { ids: [studentId] }, token));
      expect(byNodes.nodes).toEqual([null]);
    }
  });

  it('answers a nested list query with a number of SQL statements that does not grow with the page size', async () => {
    const token = sbb;
    const query = `query($first: Int) { placements(first: $first) { edges { node { title
      company { name branches { city accreditations { crebo status } } }
      branch { city address { street } accreditations { crebo } }
      trainer { name } } } } }`;
    await t.app.get(OutboxRelay).pause(); // its polling would count too
    const statements = async (first: number) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const { placements } = dataOf(await t.gql(query, { first }, token));
        expect(placements.edges).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    // Without DataLoaders 15 placements would cost 15 × 5 relation queries; batched, it stays flat.
    expect(await statements(2)).toBeLessThanOrEqual(10);
    expect(await statements(15)).toBeLessThanOrEqual(10);
    t.app.get(OutboxRelay).resume();
  });

  it('reports Postgres and Redis on GET /health', async () => {
    const response = await request(t.app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('runs the daily job end to end once per day: it closes placements whose end date has passed and, on a Monday, opens the national match round', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.MAINTENANCE));
    expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toContain(JobName.DAILY_RUN);

    const id = ended;
    const events = new QueueEvents(QueueName.MAINTENANCE, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    const runDaily = async () => {
      const job = await queue.add(JobName.DAILY_RUN, { day: '2026-11-23' });
      return job.waitUntilFinished(events, 20_000);
    };
    try {
      await events.waitUntilReady();
      expect(await runDaily()).toEqual({ day: '2026-11-23', ran: ['close-expired-placements', 'reevaluate-compliance', 'expire-proposals', 'open-scheduled-match-round', 'agreements', 'guidance-midpoint', 'internship-start-reminder', 'accreditation-lifecycle', 'students-without-placement'] });
      expect(await runDaily()).toEqual({ day: '2026-11-23', ran: [] });
    } finally {
      await events.close();
    }
    const [placement] = await t.dataSource.query('SELECT status FROM placements WHERE id = $1', [id]);
    expect(placement.status).toBe('CLOSED');
    const audit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1 AND actor_role <> 'COMPANY_ADMIN'`, [id]);
    expect(audit).toEqual([{ action: 'placement.closed', actor_role: 'SYSTEM' }]); // after its creation and publication by the company
    const rounds = await t.dataSource.query(`SELECT region, period_from::text, period_to::text FROM match_rounds`);
    expect(rounds).toEqual([{ region: null, period_from: '2026-11-23', period_to: '2027-05-24' }]);
  });
});
