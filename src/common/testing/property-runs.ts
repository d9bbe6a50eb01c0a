/**
 * How many cases a fast-check property tries: `full` normally, fewer under mutation testing
 * (jest.mutation.setup.js sets PROPERTY_RUNS), where each of hundreds of mutants re-runs the spec
 * and the table-driven boundary tests do most of the killing.
 */
export function propertyRuns(full: number): number {
  const limit = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(limit) && limit > 0 ? Math.min(full, limit) : full;
}
