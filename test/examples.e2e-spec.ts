import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoUser } from './support/test-app';
import { TestApp } from './support/test-app';

const EXAMPLES = join(__dirname, '..', 'graphql', 'examples');

/** Every operation in graphql/examples runs without errors on the demo data, as the user its header names. */
describe('graphql/examples', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ demo: true })));
  afterAll(() => t.stop());

  it.each(readdirSync(EXAMPLES).filter((file) => file.endsWith('.graphql')))('%s runs on the demo data', async (file) => {
    const source = readFileSync(join(EXAMPLES, file), 'utf8');
    const as = /^# as: (\w+)$/m.exec(source)![1];
    const variables = JSON.parse(/^# variables: (.*)$/m.exec(source)![1]);
    const token = as === 'anonymous' ? undefined : await t.as(as as DemoUser);
    const response = await t.gql(source, variables, token);
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
