import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The committed form of the schema: sorted, so that a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
