import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import type { AddressInfo } from 'node:net';
import { Factories } from './support/factories';
import { TestApp } from './support/test-app';

/**
 * What a front end with Apollo Client's normalized cache notices (issue #19): two queries that
 * select different fields of the same student (and of her identity) both stay whole in the cache,
 * because every object a client caches has an id.
 */
describe('Apollo Client InMemoryCache against the API', () => {
  let t: TestApp;
  let client: ApolloClient;
  let studentId: string;
  let fullName: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    const school = await make.school();
    const student = await make.student(school, { level: 3 });
    studentId = student.id;
    fullName = student.identity.fullName;
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new ApolloClient({
      link: new HttpLink({ uri: `http://127.0.0.1:${port}/graphql`, headers: { authorization: `Bearer ${school.staff.token}` } }),
      cache: new InMemoryCache(),
    });
  });
  afterAll(async () => {
    client?.stop();
    await t.stop();
  });

  const ONE = gql`
    query One($id: ID!) {
      student(id: $id) { id crebo identity { id fullName } }
    }
  `;
  const LIST = gql`
    query List {
      students(first: 10) { edges { node { id level identity { id email } } } }
    }
  `;

  it('keeps both selections of one student (and of her identity) in the normalized cache', async () => {
    await client.query({ query: ONE, variables: { id: studentId } });
    await client.query({ query: LIST });

    const cached = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(cached[`Student:${studentId}`]).toMatchObject({ crebo: '25655', level: 3, identity: { __ref: `StudentIdentity:${studentId}` } });
    expect(cached[`StudentIdentity:${studentId}`]).toMatchObject({ fullName, email: expect.stringContaining('@factory.test') });

    // The first query is still answered whole from the cache, without the network.
    const again = client.readQuery<{ student: { crebo: string; identity: { fullName: string } } }>({ query: ONE, variables: { id: studentId } });
    expect(again?.student).toMatchObject({ crebo: '25655', identity: { fullName } });
  });
});
