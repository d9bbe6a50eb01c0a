/**
 * Fisher's exact test for a 2×2 table (two-sided: the probability of a table at least as extreme,
 * summing every table with the same margins whose probability does not exceed the observed one).
 * Used by the adverse-impact audit (R23): acceptances and refusals of two groups.
 *
 *              accepted  refused
 *   group 1       a         b
 *   group 2       c         d
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const logFactorial = logFactorials(n);
  const logProbability = (x: number) =>
    logFactorial[row1] + logFactorial[row2] + logFactorial[col1] + logFactorial[n - col1] -
    (logFactorial[n] + logFactorial[x] + logFactorial[row1 - x] + logFactorial[col1 - x] + logFactorial[row2 - col1 + x]);
  const observed = logProbability(a);
  let p = 0;
  // Stryker disable next-line MethodExpression: a wider range only adds tables with a negative cell, whose log-probability is NaN and never counted.
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x += 1) {
    const logP = logProbability(x);
    // A relative tolerance keeps tables as probable as the observed one despite rounding.
    // Stryker disable next-line EqualityOperator: with the tolerance, `<` differs only at a log-probability exactly 1e-7 above the observed one.
    if (logP <= observed + 1e-7) p += Math.exp(logP);
  }
  return Math.min(1, p);
}

/** log(i!) for i ≤ n, summed in order and kept: an audit tests thousands of companies over the same range of table sizes. */
let logFactorialTable = new Float64Array(1);
function logFactorials(n: number): Float64Array {
  if (n < logFactorialTable.length) return logFactorialTable;
  // Stryker disable next-line ArithmeticOperator: doubling is only the growth policy; any size of at least n + 1 gives the same values.
  const table = new Float64Array(Math.max(n + 1, 2 * logFactorialTable.length));
  table.set(logFactorialTable);
  // Stryker disable next-line MethodExpression,EqualityOperator: starting lower recomputes the same sums, and a write past a typed array's end is dropped.
  for (let i = Math.max(2, logFactorialTable.length); i < table.length; i += 1) table[i] = table[i - 1] + Math.log(i);
  logFactorialTable = table;
  return table;
}
