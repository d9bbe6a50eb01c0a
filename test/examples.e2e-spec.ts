import { committedSchema, readExamples, validateExample } from './support/examples';
import type { DemoUser } from './support/test-app';
import { TestApp } from './support/test-app';

const EXAMPLES = readExamples();

/**
 * Ids an example's variables stand for ("@name"): looked up on the demo data as the user named, so an
 * example reads like what a client sends after a list query gave it the id.
 */
const LOOKUPS: Record<string, { as: DemoUser; query: string; pick: (data: any) => string }> = {
  '@studentId': { as: 'schoolStaff', query: '{ students(first: 1, orderBy: { field: NAME }) { edges { node { id } } } }', pick: (d) => d.students.edges[0].node.id },
  '@placementId': { as: 'schoolStaff', query: '{ placements(first: 1, filter: { crebo: "25655" }) { edges { node { id } } } }', pick: (d) => d.placements.edges[0].node.id },
  '@companyId': { as: 'schoolStaff', query: '{ placements(first: 1, filter: { crebo: "25655" }) { edges { node { id company { id } } } } }', pick: (d) => d.placements.edges[0].node.company.id },
  '@branchId': { as: 'companyAdmin', query: '{ me { id organization { id branches { id } } } }', pick: (d) => d.me.organization.branches[0].id },
  // A draft of the company's (create-placement.graphql, earlier in file order, makes one).
  '@draftPlacementId': { as: 'companyAdmin', query: '{ companyPlacements(first: 1, filter: { status: DRAFT }) { edges { node { id } } } }', pick: (d) => d.companyPlacements.edges[0].node.id },
};

/**
 * graphql/examples (issue #19): at least 30 operations covering each role's main flows, mutations
 * included; each is valid against the committed schema, selects the `id` of every object that has
 * one (Apollo's normalized cache needs it), and runs without errors on the demo data, as the user its
 * header names, in file order.
 */
describe('graphql/examples', () => {
  it('has 30 operations or more, mutations included, for every role', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(30);
    expect(EXAMPLES.filter((example) => /^mutation /m.test(example.source)).length).toBeGreaterThanOrEqual(10);
    const roles = new Set(EXAMPLES.map((example) => example.as));
    for (const role of ['anonymous', 'platformAdmin', 'sbbAuditor', 'schoolAdmin', 'schoolStaff', 'companyAdmin', 'companyStaff', 'student', 'adultStudent']) expect(roles).toContain(role);
  });

  it.each(EXAMPLES.map((example) => [example.file, example] as const))('%s is valid against graphql/schema.graphql and selects every id', (_file, example) => {
    expect(validateExample(committedSchema(), example)).toEqual([]);
  });

  describe('on the demo data', () => {
    let t: TestApp;
    beforeAll(async () => (t = await TestApp.start({ demo: true })));
    afterAll(() => t.stop());

    const resolve = async (value: unknown): Promise<unknown> => {
      if (typeof value === 'string' && LOOKUPS[value]) {
        const lookup = LOOKUPS[value];
        const { data, errors } = await t.gql(lookup.query, {}, await t.as(lookup.as));
        if (errors) throw new Error(`${value}: ${JSON.stringify(errors)}`);
        return lookup.pick(data);
      }
      if (Array.isArray(value)) return Promise.all(value.map(resolve));
      if (value && typeof value === 'object') return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await resolve(inner)])));
      return value;
    };

    it.each(EXAMPLES.map((example) => [example.file, example] as const))('%s runs', async (_file, example) => {
      const token = example.as === 'anonymous' ? undefined : await t.as(example.as as DemoUser);
      const response = await t.gql(example.source, (await resolve(example.variables)) as Record<string, unknown>, token);
      expect(response.errors).toBeUndefined();
      expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
    });
  });
});
