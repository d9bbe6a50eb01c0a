import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { operationDepth } from './operation-limits';

const depthOf = (source: string): number => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationDepth(document, operation);
};

describe('operationDepth', () => {
  it.each([
    ['{ me { id } }', 2],
    ['{ a { b { c { d } } } e }', 4],
    ['query { a { ...F } } fragment F on T { b { c } }', 3],
    ['query { a { ... on T { b { c } } } }', 3],
    ['{ __schema { types { fields { type { ofType { ofType { name } } } } } } me { id } }', 2],
  ])('%s has depth %d', (source, depth) => {
    expect(depthOf(source)).toBe(depth);
  });

  it('does not loop on a fragment that spreads itself', () => {
    expect(depthOf('query { a { ...F } } fragment F on T { b { ...F } }')).toBe(2);
  });
});
