import { BadUserInputError } from '../errors/domain-errors';
import { pageWindow, toConnection } from './pagination';

describe('Relay connections', () => {
  it('pages with cursors that continue where the last page ended', () => {
    const first = toConnection(['a', 'b', 'c'], { first: 2 }, 5);
    expect(first.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(pageWindow({ first: 2, after: first.pageInfo.endCursor! })).toEqual({ offset: 2, limit: 2 });

    const last = toConnection(['e'], { first: 2, after: toConnection(['c', 'd'], { first: 2, after: first.pageInfo.endCursor! }, 5).pageInfo.endCursor! }, 5);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.totalCount).toBe(5);
  });

  it('gives null cursors for an empty page', () => {
    expect(toConnection([], {}, 0).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => pageWindow({ after: 'bm9wZQ' })).toThrow(BadUserInputError);
  });
});
