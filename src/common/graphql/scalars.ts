import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Every date the domain knows (births, agreements, accreditations) lies well within this range;
 * outside it JavaScript and Postgres disagree (year 0000 parses in JS, Postgres refuses it).
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2999-12-31';

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError('LocalDate must be a calendar date written YYYY-MM-DD', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const roundTrip = new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10);
  if (roundTrip !== value) {
    throw new GraphQLError(`LocalDate ${value} does not exist`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (value < EARLIEST_DATE || value > LATEST_DATE) {
    throw new GraphQLError(`LocalDate must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** A date without time or zone (`YYYY-MM-DD`), as Postgres `date` columns hold it. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date without time zone, written YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('LocalDate must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseLocalDate(ast.value);
  },
});

/** A JSON object, for figures whose shape depends on what produced them (a finding's details). */
export const JSONObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: 'A JSON object',
  serialize: (value) => value as Record<string, unknown>,
  parseValue: () => {
    throw new GraphQLError('JSONObject is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral: () => {
    throw new GraphQLError('JSONObject is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
