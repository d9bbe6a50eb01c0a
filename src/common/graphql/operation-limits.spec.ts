import { buildSchema, parse, validate } from 'graphql';
import { operationLimitRules, tokenLimitRefusal } from './operation-limits';

const schema = buildSchema(`
  type Query { me: User, organization: Organization }
  type User { id: ID, name: String, organization: Organization }
  type Organization { id: ID, name: String, users: [User!]! }
`);
const rules = operationLimitRules({ tokens: 100, depth: 4, aliases: 3, directives: 2, rootFields: 2, cost: 1000 });

/** The limits a document breaks, by `extensions.operationLimit`. */
const refusedBy = (source: string): unknown[] => validate(schema, parse(source), rules).map((error) => error.extensions.operationLimit);

/** `{ ...F1 }` with each of 21 fragments spreading the next twice. */
const explosion = (type: string, root: string, leaf: string): string =>
  [root, ...Array.from({ length: 20 }, (_, n) => `fragment F${n + 1} on ${type} { ...F${n + 2} ...F${n + 2} }`), `fragment F21 on ${type} { ${leaf} }`].join('\n');

describe('operationLimitRules', () => {
  it.each([
    ['{ me { organization { users { id } } } }', []],
    ['{ me { organization { users { organization { id } } } } }', ['depth']],
    ['{ me { ...U } } fragment U on User { organization { users { organization { id } } } }', ['depth']],
    ['{ me { ... on User { organization { users { id } } } } }', []],
    ['{ me { a: id b: id c: name } }', []],
    ['{ me { a: id b: id c: name d: name } }', ['aliases']],
    ['{ me { ...U ...U } } fragment U on User { a: id b: id }', ['aliases']],
    ['{ me { id @include(if: true) name @skip(if: false) } }', []],
    ['{ me { ...U ...U } } fragment U on User { id @include(if: true) name @skip(if: false) }', ['directives']],
    ['{ me { id } organization { id } }', []],
    ['{ me { id } a: me { id } organization { id } }', ['rootFields']],
    ['{ ...Q ...Q } fragment Q on Query { me { id } }', []],
    ['{ ...Q ... on Query { organization { id } } } fragment Q on Query { me { id } organization { id } }', ['rootFields']],
  ])('%s breaks %j', (source, limits) => {
    expect(refusedBy(source)).toEqual(limits);
  });

  it('counts a fragment explosion by its expansion, without expanding it', () => {
    expect(refusedBy(explosion('Query', '{ ...F1 }', '__typename'))).toEqual(['rootFields']);
    expect(refusedBy(explosion('User', '{ me { ...F1 } }', 'a: id'))).toEqual(['aliases']);
    expect(refusedBy(explosion('User', '{ me { ...F1 } }', 'id @include(if: true)'))).toEqual(['directives']);
  });

  it('refuses as BAD_USER_INPUT with HTTP 400, naming the limit and its value', () => {
    const [error] = validate(schema, parse('{ me { id } a: me { id } b: me { id } }'), rules);
    expect(error.message).toBe('The operation has more root fields than the limit of 2');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', operationLimit: 'rootFields', limit: 2, http: { status: 400 } });
  });
});

describe('tokenLimitRefusal', () => {
  it("recognises graphql-js's own refusal of a document over maxLexicalTokens", () => {
    let message = '';
    try {
      parse(`{ me { ${'id '.repeat(200)} } }`, { maxLexicalTokens: 100 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(tokenLimitRefusal(message)).toEqual({
      message: 'The operation has more tokens than the limit of 100',
      extensions: { code: 'BAD_USER_INPUT', operationLimit: 'tokens', limit: 100 },
    });
    expect(tokenLimitRefusal('Syntax Error: Unexpected "}".')).toBeUndefined();
  });
});
