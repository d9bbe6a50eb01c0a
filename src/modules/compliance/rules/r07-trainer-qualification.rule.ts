import { Sector } from '../../organizations/sector';
import { addYears } from '../../../common/calendar';
import { type Rule, type RuleFinding } from './rule';

/** R7: the sector's requirements for the praktijkopleider (Reglement annex 2); other sectors warn only. */
export const trainerQualificationRule: Rule = {
  id: 'R7',
  evaluate({ trainer, sector, placement }) {
    if (!trainer) return [];
    const findings: RuleFinding[] = [];
    const levelTooLow = trainer.qualificationLevel < placement.level;
    const levelFinding = {
      field: 'trainerId',
      message: `The praktijkopleider's level (${trainer.qualificationLevel}) is below the qualification's level (${placement.level})`,
      details: { trainerLevel: trainer.qualificationLevel, placementLevel: placement.level },
    };
    switch (sector) {
      case Sector.HANDEL:
      case Sector.MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM:
        if (levelTooLow) findings.push(levelFinding);
        break;
      case Sector.VOEDSEL_GROEN_GASTVRIJHEID:
        if (trainer.yearsOfExperience < 1) findings.push({ field: 'trainerId', message: 'The praktijkopleider needs at least one year of experience' });
        break;
      case Sector.TECHNIEK_GEBOUWDE_OMGEVING: {
        if (!trainer.courseCompletedOn) {
          findings.push({ field: 'trainerId', message: 'The praktijkopleider needs the leermeester course' });
          break;
        }
        const latest = trainer.refresherCompletedOn ?? trainer.courseCompletedOn;
        if (addYears(latest, 2) < placement.startDate) {
          findings.push({ field: 'trainerId', message: 'The praktijkopleider needs a refresher at most two years old on the start date', details: { latest } });
        }
        break;
      }
      case Sector.ZAKELIJKE_DIENSTVERLENING_VEILIGHEID:
      case Sector.ICT_CREATIEVE_INDUSTRIE:
        if (!trainer.sectorTrainingCompletedOn && (!trainer.sectorTrainingDeadline || trainer.sectorTrainingDeadline < placement.startDate)) {
          findings.push({ field: 'trainerId', message: 'The praktijkopleider must complete the sector training by the agreed deadline' });
        }
        break;
      default:
        if (levelTooLow) findings.push({ ...levelFinding, severity: 'WARN' });
    }
    return findings;
  },
};
