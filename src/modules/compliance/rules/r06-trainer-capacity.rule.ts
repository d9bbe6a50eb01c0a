import type { Rule } from './rule';

/** R6: at most the norm set's number of concurrent students per praktijkopleider (per sector where it names one). */
export const trainerCapacityRule: Rule = {
  id: 'R6',
  evaluate({ trainer, sector }, norms) {
    if (!trainer) return [];
    const limit = norms.maxStudentsPerTrainerBySector[sector] ?? norms.maxStudentsPerTrainer;
    return trainer.activeStudents + 1 > limit
      ? [
          {
            field: 'trainerId',
            message: `The praktijkopleider already guides ${trainer.activeStudents} students; at most ${limit} at a time`,
            details: { activeStudents: trainer.activeStudents, limit },
          },
        ]
      : [];
  },
};
