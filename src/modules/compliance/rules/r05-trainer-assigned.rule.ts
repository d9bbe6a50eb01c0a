import type { Rule } from './rule';

/** R5: exactly one praktijkopleider, employed by the accredited company. */
export const trainerAssignedRule: Rule = {
  id: 'R5',
  evaluate({ placement, trainer }) {
    if (!trainer) return [{ field: 'trainerId', message: 'Assign a praktijkopleider of your company to this placement' }];
    if (trainer.companyId !== placement.companyId) {
      return [{ field: 'trainerId', message: 'The praktijkopleider must be employed by the company offering the placement' }];
    }
    return [];
  },
};
