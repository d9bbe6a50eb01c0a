import { CREBO_PATTERN } from '../../../common/validation/domain-validators';
import type { Rule } from './rule';

/** R4: crebos are five digits and the level is 1–4. */
export const qualificationCodesRule: Rule = {
  id: 'R4',
  evaluate({ placement }) {
    const bad = placement.crebos.filter((crebo) => !CREBO_PATTERN.test(crebo));
    return [
      ...bad.map((crebo) => ({ field: 'crebos', message: `crebo ${crebo} must be exactly 5 digits`, details: { crebo } })),
      ...([1, 2, 3, 4].includes(placement.level) ? [] : [{ field: 'level', message: 'level must be 1, 2, 3 or 4', details: { level: placement.level } }]),
    ];
  },
};
