/**
 * Student-proposing deferred acceptance (hospitals/residents with capacities), the mechanism of
 * /work/shared/matching.md. Pure: integer indexes and typed arrays in, typed arrays out.
 *
 * Free students propose down their lists; each placement holds its best `capacity` proposers so far
 * in a min-heap on priority (the root is the weakest held student, the one to eject). A placement's
 * priority order is: higher score first, then lower lottery number. Every list entry is proposed at
 * most once, so the time is O(L log c) for L list entries and largest capacity c.
 */

export interface MatchProblem {
  studentCount: number;
  capacities: Int32Array; // per placement index; 0 = takes nobody
  /** CSR: student s's acceptable placements, best first, are prefPlacements[prefOffsets[s] .. prefOffsets[s+1]) */
  prefOffsets: Int32Array; // length studentCount + 1
  prefPlacements: Int32Array;
  /** The placement's priority score for the student at the same list position; higher is better. */
  prefScores: Float64Array;
  /** One lottery number per student per round (single tie-breaking): lower wins equal scores. Must be distinct. */
  lottery: Float64Array;
}

export interface MatchOutcome {
  assignment: Int32Array; // per student: placement index or -1
  /** Rank (0-based position in her list) of what she got, -1 if unmatched. */
  assignedRank: Int32Array;
  /** Per placement: the lowest admitted (score, lottery) when full, NaN/NaN when not full (capacity not reached). */
  cutoffScore: Float64Array;
  cutoffLottery: Float64Array;
  /** Per placement: number admitted. */
  filled: Int32Array;
}

/**
 * Throws an Error naming the first inconsistency. Returns, per placement, how many students list it
 * (the heap never needs more room than that, even when the capacity is larger).
 */
export function validateProblem(problem: MatchProblem): Int32Array {
  const { studentCount, capacities, prefOffsets, prefPlacements, prefScores, lottery } = problem;
  if (!Number.isInteger(studentCount) || studentCount < 0) {
    throw new Error(`studentCount must be a non-negative integer, got ${studentCount}`);
  }
  if (prefOffsets.length !== studentCount + 1) {
    throw new Error(`prefOffsets has length ${prefOffsets.length}, expected studentCount + 1 = ${studentCount + 1}`);
  }
  if (prefScores.length !== prefPlacements.length) {
    throw new Error(`prefScores has length ${prefScores.length} but prefPlacements has ${prefPlacements.length}`);
  }
  if (lottery.length !== studentCount) {
    throw new Error(`lottery has length ${lottery.length}, expected studentCount = ${studentCount}`);
  }
  if (prefOffsets[0] !== 0 || prefOffsets[studentCount] !== prefPlacements.length) {
    throw new Error(`prefOffsets must start at 0 and end at prefPlacements.length = ${prefPlacements.length}`);
  }
  const placementCount = capacities.length;
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, which no comparison admits, or writes past a typed array's end, which is dropped.
  for (let p = 0; p < placementCount; p++) {
    if (capacities[p] < 0) throw new Error(`placement ${p}: negative capacity ${capacities[p]}`);
  }
  const listedBy = new Int32Array(placementCount);
  const lastListedBy = new Int32Array(placementCount).fill(-1);
  for (let s = 0; s < studentCount; s++) {
    const begin = prefOffsets[s];
    const end = prefOffsets[s + 1];
    if (end < begin) throw new Error(`prefOffsets decreases at student ${s}`);
    if (!Number.isFinite(lottery[s])) throw new Error(`student ${s}: lottery number ${lottery[s]} is not finite`);
    for (let e = begin; e < end; e++) {
      const p = prefPlacements[e];
      if (p < 0 || p >= placementCount) {
        throw new Error(`student ${s}, rank ${e - begin}: placement index ${p} out of range [0, ${placementCount})`);
      }
      if (lastListedBy[p] === s) throw new Error(`student ${s}, rank ${e - begin}: placement ${p} listed twice`);
      if (!Number.isFinite(prefScores[e])) throw new Error(`student ${s}, rank ${e - begin}: score ${prefScores[e]} is not finite`);
      lastListedBy[p] = s;
      listedBy[p]++;
    }
  }
  // Equal lottery numbers would leave equal scores unordered, so the outcome would depend on input order.
  const sorted = Float64Array.from(lottery).sort();
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, which no comparison admits, or writes past a typed array's end, which is dropped.
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`lottery number ${sorted[i]} is given to more than one student`);
  }
  return listedBy;
}

export function solveMatching(problem: MatchProblem): MatchOutcome {
  const listedBy = validateProblem(problem);
  const { studentCount, capacities, prefOffsets, prefPlacements, prefScores, lottery } = problem;
  const placementCount = capacities.length;

  // One flat heap area per placement, sized min(capacity, students listing it): memory O(L).
  const heapStart = new Int32Array(placementCount + 1);
  // Stryker disable next-line EqualityOperator,MethodExpression: one index past the end reads undefined, which no comparison admits, or writes past a typed array's end, which is dropped. A larger heap area (max) only wastes memory.
  for (let p = 0; p < placementCount; p++) heapStart[p + 1] = heapStart[p] + Math.min(capacities[p], listedBy[p]);
  const heapStudent = new Int32Array(heapStart[placementCount]);
  const heapScore = new Float64Array(heapStart[placementCount]);
  const heapSize = new Int32Array(placementCount);

  const next = prefOffsets.slice(0, studentCount); // next list entry each student will propose to
  const heldEntry = new Int32Array(studentCount).fill(-1); // list entry of the placement holding her
  const free = new Int32Array(studentCount); // stack of free students
  let freeTop = 0;
  for (let s = studentCount - 1; s >= 0; s--) free[freeTop++] = s;

  // Stryker disable next-line EqualityOperator: at freeTop 0, `>=` pops free[-1], undefined, which proposes nothing, and the loop ends.
  while (freeTop > 0) {
    let s = free[--freeTop];
    // Follow the chain of ejections: whoever is ejected proposes next, until nobody is ejected.
    while (s >= 0) {
      const end = prefOffsets[s + 1];
      const lot = lottery[s];
      let ejected = -1;
      let e = next[s];
      for (; e < end; e++) {
        const p = prefPlacements[e];
        const capacity = capacities[p];
        if (capacity === 0) continue;
        const score = prefScores[e];
        const base = heapStart[p];
        const size = heapSize[p];
        if (size < capacity) {
          // Room left: sift the newcomer up from the bottom while she is weaker than her parent.
          let i = size;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            const ps = heapScore[base + parent];
            // Stryker disable next-line EqualityOperator: lottery numbers are distinct (validateProblem), so equal ones would be the same student, who is never compared with herself.
            if (!(score < ps || (score === ps && lot > lottery[heapStudent[base + parent]]))) break;
            heapStudent[base + i] = heapStudent[base + parent];
            heapScore[base + i] = ps;
            i = parent;
          }
          heapStudent[base + i] = s;
          heapScore[base + i] = score;
          heapSize[p] = size + 1;
          heldEntry[s] = e;
          break;
        }
        const weakest = heapStudent[base];
        const weakestScore = heapScore[base];
        // Stryker disable next-line EqualityOperator: lottery numbers are distinct (validateProblem), so equal ones would be the same student, who is never compared with herself.
        if (score > weakestScore || (score === weakestScore && lot < lottery[weakest])) {
          // She beats the weakest held student: replace the root and sift her down.
          ejected = weakest;
          heldEntry[weakest] = -1;
          let i = 0;
          for (;;) {
            let child = 2 * i + 1;
            if (child >= size) break;
            let cs = heapScore[base + child];
            let cl = lottery[heapStudent[base + child]];
            if (child + 1 < size) {
              const rs = heapScore[base + child + 1];
              const rl = lottery[heapStudent[base + child + 1]];
              // Stryker disable next-line EqualityOperator: lottery numbers are distinct (validateProblem), so equal ones would be the same student, who is never compared with herself.
              if (rs < cs || (rs === cs && rl > cl)) {
                child++;
                cs = rs;
                cl = rl;
              }
            }
            // Stryker disable next-line EqualityOperator: lottery numbers are distinct (validateProblem), so equal ones would be the same student, who is never compared with herself.
            if (!(cs < score || (cs === score && cl > lot))) break;
            heapStudent[base + i] = heapStudent[base + child];
            heapScore[base + i] = cs;
            i = child;
          }
          heapStudent[base + i] = s;
          heapScore[base + i] = score;
          heldEntry[s] = e;
          break;
        }
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: at e = end she holds nothing, so she is never ejected and never proposes again.
      next[s] = e < end ? e + 1 : end;
      s = ejected;
    }
  }

  const assignment = new Int32Array(studentCount).fill(-1);
  const assignedRank = new Int32Array(studentCount).fill(-1);
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, which no comparison admits, or writes past a typed array's end, which is dropped.
  for (let s = 0; s < studentCount; s++) {
    const e = heldEntry[s];
    if (e >= 0) {
      assignment[s] = prefPlacements[e];
      assignedRank[s] = e - prefOffsets[s];
    }
  }
  const cutoffScore = new Float64Array(placementCount).fill(NaN);
  const cutoffLottery = new Float64Array(placementCount).fill(NaN);
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, which no comparison admits, or writes past a typed array's end, which is dropped.
  for (let p = 0; p < placementCount; p++) {
    // A placement with capacity 0 admits nobody, so it has no cutoff either.
    if (capacities[p] > 0 && heapSize[p] === capacities[p]) {
      cutoffScore[p] = heapScore[heapStart[p]];
      cutoffLottery[p] = lottery[heapStudent[heapStart[p]]];
    }
  }
  return { assignment, assignedRank, cutoffScore, cutoffLottery, filled: heapSize };
}
