import { In } from 'typeorm';
import { paginate } from '../src/common/graphql/pagination';
import { PreparedQueries } from '../src/database/prepared-queries';
import { Transactions } from '../src/database/transactions';
import { BranchEntity } from '../src/modules/companies/branch.entity';
import { TrainerEntity } from '../src/modules/companies/trainer.entity';
import { OrganizationEntity } from '../src/modules/organizations/organization.entity';
import { PlacementEntity } from '../src/modules/placements/placement.entity';
import { StudentIdentityEntity } from '../src/modules/students/student-identity.entity';
import { Factories } from './support/factories';
import { TestApp } from './support/test-app';

/**
 * The per-request loaders read by prepared statement instead of through TypeORM (issue #20): what
 * they return must be exactly what TypeORM would have returned, dates as text, enums, arrays and all.
 */
describe('entities by id through a prepared statement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('returns every column as TypeORM hydrates it, for each entity a hot loader reads', async () => {
    const make = new Factories(t);
    const [company, school] = await Promise.all([make.company(), make.school()]);
    const student = await make.student(school);
    const db = t.app.get(PreparedQueries, { strict: false });
    const manager = t.app.get(Transactions).manager;
    const cases: Array<[new () => object, string, string[]]> = [
      [OrganizationEntity, 'id', [company.id, school.id]],
      [BranchEntity, 'id', [company.branchId]],
      [TrainerEntity, 'id', [company.trainerId]],
      [StudentIdentityEntity, 'studentId', [student.id]],
    ];
    for (const [entity, key, ids] of cases) {
      const expected = await manager.findBy(entity, { [key]: In(ids) });
      expect(expected).toHaveLength(ids.length);
      const byId = (rows: object[]) => [...rows].sort((a: any, b: any) => String(a[key]).localeCompare(String(b[key])));
      expect(byId(await db.byIds(entity, ids))).toStrictEqual(byId(expected));
    }
    expect(await db.byIds(BranchEntity, ['00000000-0000-4000-8000-000000000000'])).toEqual([]);
  });

  it('pages through a prepared statement exactly as TypeORM reads the rows, and inside a transaction sees its own writes', async () => {
    const make = new Factories(t);
    const company = await make.company();
    const ids = [await make.publishedPlacement(company), await make.publishedPlacement(company, { title: 'Tweede' }), await make.publishedPlacement(company)];
    const manager = t.app.get(Transactions).manager;
    const query = () => manager.getRepository(PlacementEntity).createQueryBuilder('placement').where('placement.companyId = :companyId', { companyId: company.id }).orderBy('placement.id');
    const expected = await query().getMany();
    expect(expected.map((placement) => placement.id).sort()).toEqual([...ids].sort());

    const first = await paginate(query(), { first: 2 });
    const second = await paginate(query(), { first: 2, after: first.pageInfo.endCursor! });
    expect([...first.edges, ...second.edges].map((edge) => edge.node)).toStrictEqual(expected);
    expect([first.totalCount, first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([3, true, false]);

    const transactions = t.app.get(Transactions);
    const inside = await transactions
      .run(async () => {
        await transactions.manager.update(PlacementEntity, { id: expected[0].id }, { title: 'Nog niet vastgelegd' });
        const page = await paginate(transactions.manager.getRepository(PlacementEntity).createQueryBuilder('placement').where('placement.id = :id', { id: expected[0].id }).orderBy('placement.id'), {});
        throw Object.assign(new Error('roll back'), { page });
      })
      .catch((error: { page: Awaited<ReturnType<typeof paginate<PlacementEntity>>> }) => error.page);
    expect(inside.edges[0].node.title).toBe('Nog niet vastgelegd');
    expect((await manager.findOneByOrFail(PlacementEntity, { id: expected[0].id })).title).toBe(expected[0].title);
  });
});
