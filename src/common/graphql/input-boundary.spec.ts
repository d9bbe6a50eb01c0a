import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { operationInputProblems } from './input-boundary';

const schema = buildSchema(`
  enum Leerweg { BOL BBL }
  input IdentityInput { fullName: String!, email: String! }
  input StudentInput { leerweg: Leerweg!, identity: IdentityInput!, tags: [String!] }
  type Query { ok: Boolean }
  type Mutation {
    close(id: ID!): Boolean
    mark(ids: [ID!]!): Boolean
    create(input: StudentInput!): Boolean
    login(email: String!): Boolean
  }
`);

const UUID = '3f2c6a0e-9b1d-4c8e-8f3a-2b7d5e1c9a40';
const problems = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationInputProblems(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
};
const student = (identity: Record<string, unknown> = {}) => ({ leerweg: 'BOL', identity: { fullName: 'Noor', email: 'noor@student.test', ...identity } });
const CREATE = 'mutation($s: StudentInput!) { create(input: $s) }';

describe('operationInputProblems', () => {
  it.each([
    ['a right call', 'mutation($id: ID!) { close(id: $id) }', { id: UUID }, []],
    ['null for ID!', 'mutation($id: ID!) { close(id: $id) }', { id: null }, [{ path: 'id', message: 'must not be null' }]],
    ['a missing variable', 'mutation($id: ID!) { close(id: $id) }', {}, [{ path: 'id', message: 'is required' }]],
    ['a non-UUID id', 'mutation($id: ID!) { close(id: $id) }', { id: '42' }, [{ path: 'id', message: 'must be an id (a UUID)' }]],
    ['a non-UUID id inline', 'mutation { close(id: "nope") }', {}, [{ path: 'id', message: 'must be an id (a UUID)' }]],
    ['a non-UUID id in a list', 'mutation($ids: [ID!]!) { mark(ids: $ids) }', { ids: [UUID, 'x'] }, [{ path: 'ids.1', message: 'must be an id (a UUID)' }]],
    ['a NUL', 'mutation($e: String!) { login(email: $e) }', { e: 'a\u0000b' }, [{ path: 'email', message: expect.stringContaining('NUL') }]],
    ['a lone surrogate, nested', CREATE, { s: student({ email: 'x\ud800@y.nl' }) }, [{ path: 'input.identity.email', message: expect.stringContaining('surrogate') }]],
    ['a lone surrogate in a list item', CREATE, { s: { ...student(), tags: ['ok', '\udfff'] } }, [{ path: 'input.tags.1', message: expect.stringContaining('surrogate') }]],
    ['a wrong enum value, named by the argument', CREATE, { s: { ...student(), leerweg: 'NOPE' } }, [{ path: 'input.leerweg', message: expect.stringContaining('NOPE') }]],
    ['a missing input field, named by its path', CREATE, { s: { leerweg: 'BOL', identity: { fullName: 'Noor' } } }, [{ path: 'input.identity.email', message: expect.any(String) }]],
    ['an unknown input field', CREATE, { s: { ...student(), shoeSize: 41 } }, [{ path: 'input.shoeSize', message: expect.any(String) }]],
  ])('%s', (_what, query, variables, expected) => {
    expect(problems(query, variables)).toEqual(expected);
  });

  it('accepts well-formed text: emoji (surrogate pairs), accents, an empty string', () => {
    expect(problems(CREATE, { s: student({ fullName: 'Zoë 😀 ', email: '' }) })).toEqual([]);
  });

  it('checks arguments in fragments too', () => {
    expect(problems('mutation { ...f } fragment f on Mutation { close(id: "nope") }')).toEqual([{ path: 'id', message: 'must be an id (a UUID)' }]);
  });

  it('judges each request by its own variables when the parsed document is reused (Apollo keeps it)', () => {
    const document = parse(CREATE);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(operationInputProblems(schema, document, operation, { s: student({ email: 'x\ud800' }) })).toEqual([{ path: 'input.identity.email', message: expect.stringContaining('surrogate') }]);
    expect(operationInputProblems(schema, document, operation, { s: student() })).toEqual([]);
    expect(operationInputProblems(schema, document, operation, { s: { ...student(), leerweg: 'NOPE' } })).toEqual([{ path: 'input.leerweg', message: expect.stringContaining('NOPE') }]);
  });
});
