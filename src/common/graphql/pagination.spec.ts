import { BadUserInputError } from '../errors/domain-errors';
import { encodeCursor, keysetCondition, orderingBy, pageRequest, SortDirection, toConnection } from './pagination';

describe('Relay connections with keyset cursors', () => {
  const byName = orderingBy('NAME', 'name', SortDirection.ASC, 'id');
  const keys = (row: { name: string; id: string }) => [row.name, row.id];

  it('pages forward: the end cursor holds the last row’s sort key and id', () => {
    const request = pageRequest({ first: 2 }, byName);
    const page = toConnection([{ name: 'a', id: '1' }, { name: 'b', id: '2' }, { name: 'c', id: '3' }], keys, byName, request, 5);
    expect(page.edges.map((edge) => edge.node.name)).toEqual(['a', 'b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(pageRequest({ first: 2, after: page.pageInfo.endCursor! }, byName)).toEqual({ limit: 2, backward: false, after: ['b', '2'], before: null });
  });

  it('pages backward with last/before and gives the rows in the list’s order', () => {
    const request = pageRequest({ last: 2, before: encodeCursor(byName, ['d', '4']) }, byName);
    expect(request).toMatchObject({ backward: true, limit: 2, before: ['d', '4'] });
    const page = toConnection([{ name: 'c', id: '3' }, { name: 'b', id: '2' }, { name: 'a', id: '1' }], keys, byName, request, 5);
    expect(page.edges.map((edge) => edge.node.name)).toEqual(['b', 'c']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('writes the keyset condition as a row comparison when every key goes one way, else as alternatives', () => {
    const values: string[] = [];
    const param = (value: string) => (values.push(value), `$${values.length}`);
    expect(keysetCondition(byName, ['b', '2'], 'after', param)).toBe('(name, id) > ($1, $2)');
    expect(keysetCondition(byName, ['b', '2'], 'before', param)).toBe('(name, id) < ($3, $4)');
    const mixed = { name: 'x', keys: [{ sql: 'created', direction: SortDirection.DESC }, { sql: 'id', direction: SortDirection.ASC }] };
    expect(keysetCondition(mixed, ['t', '9'], 'after', param)).toBe('((created < $5) OR (created = $5 AND id > $6))');
  });

  it('gives null cursors for an empty page', () => {
    expect(toConnection([], keys, byName, pageRequest({}, byName), 0).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('refuses a cursor it did not issue, one of another ordering, and first with last', () => {
    expect(() => pageRequest({ after: 'bm9wZQ' }, byName)).toThrow(BadUserInputError);
    expect(() => pageRequest({ after: encodeCursor(orderingBy('NAME', 'name', SortDirection.DESC, 'id'), ['b', '2']) }, byName)).toThrow(/another ordering/);
    expect(() => pageRequest({ first: 1, last: 1 }, byName)).toThrow(BadUserInputError);
  });
});
