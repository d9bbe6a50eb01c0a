import { CREBO_PATTERN } from '../../../common/validation/domain-validators';
import { multiRegisterProblems } from '../../qualifications/register-check';
import type { Rule } from './rule';

/**
 * R4: crebos are five digits and the level is 1–4; with the register's facts (issue #18), each crebo
 * is in SBB's qualification register and valid on the placement's start date, and each werkproces
 * written as a code (B1-K1-W1) is a werkproces of one of its dossiers.
 */
export const qualificationCodesRule: Rule = {
  id: 'R4',
  evaluate({ placement, register }) {
    const bad = placement.crebos.filter((crebo) => !CREBO_PATTERN.test(crebo));
    const registered = register
      ? multiRegisterProblems({ crebos: placement.crebos.filter((crebo) => CREBO_PATTERN.test(crebo)), date: placement.startDate, werkprocessen: placement.werkprocessen }, (crebo) => register[crebo] ?? [])
      : [];
    return [
      ...bad.map((crebo) => ({ field: 'crebos', message: `crebo ${crebo} must be exactly 5 digits`, details: { crebo } })),
      ...([1, 2, 3, 4].includes(placement.level) ? [] : [{ field: 'level', message: 'level must be 1, 2, 3 or 4', details: { level: placement.level } }]),
      ...registered.map((problem) => ({ field: problem.field.split('.')[0], message: problem.message })),
    ];
  },
};
