/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): which of the two JSON media types
 * a request accepts, and the status a response of that type gets.
 */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';

interface AcceptEntry {
  type: string;
  q: number;
  order: number;
}

function parseAccept(header: string): AcceptEntry[] {
  return header.split(',').flatMap((part, order) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (!type) return [];
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return [{ type: type.trim(), q: Number.isFinite(quality) ? quality : 0, order }];
  });
}

/** The Accept entry that covers `mediaType` most specifically (exact, then `application/*`, then `*\/*`). */
function bestMatch(entries: AcceptEntry[], mediaType: string): AcceptEntry | undefined {
  const [major] = mediaType.split('/');
  const rank = (type: string) => (type === mediaType ? 3 : type === `${major}/*` ? 2 : type === '*/*' ? 1 : 0);
  return entries.filter((entry) => rank(entry.type) > 0).sort((a, b) => rank(b.type) - rank(a.type))[0];
}

/**
 * `application/graphql-response+json` when the client accepts it at least as much as `application/json`
 * (ties go to the one the Accept header names first, as Apollo's own negotiation does); `application/json`
 * otherwise, and without an Accept header (the spec's legacy default).
 */
export function preferredResponseType(accept: string | undefined): typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON {
  if (!accept) return APPLICATION_JSON;
  const entries = parseAccept(accept);
  const json = bestMatch(entries, APPLICATION_JSON);
  const graphql = bestMatch(entries, GRAPHQL_RESPONSE_JSON);
  if (!graphql || graphql.q <= 0 || graphql.type !== GRAPHQL_RESPONSE_JSON) return APPLICATION_JSON;
  if (!json || json.q <= 0) return GRAPHQL_RESPONSE_JSON;
  if (graphql.q !== json.q) return graphql.q > json.q ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
  return json.type !== APPLICATION_JSON || graphql.order <= json.order ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}

/**
 * The status of an `application/graphql-response+json` response. A request error (parse, validation,
 * variables: no `data` entry) keeps the 4xx Apollo gives it. Once execution started (`data` present)
 * the answer is 200, even when a resolver refused bad input: the spec requires 2xx when `data` is not
 * null and recommends 200 when it is. Only a null `data` because the service is unavailable (503) or
 * the caller is rate limited (429) keeps its status and Retry-After, conditions a client retries on.
 */
export function graphqlResponseStatus(status: number | undefined, hasData: boolean, dataIsNull: boolean): number | undefined {
  if (!hasData) return status;
  if (dataIsNull && (status === 503 || status === 429)) return status;
  return 200;
}
