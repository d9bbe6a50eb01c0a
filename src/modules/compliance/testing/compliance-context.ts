import { Leerweg } from '../../../common/qualification';
import { Sector } from '../../organizations/sector';
import { NORMS_V1 } from '../../../../migrations/1795450773486-ComplianceEngine';
import type { Norms } from '../norms';
import { evaluateCompliance } from '../rule-engine';
import type { ComplianceContext, RuleId } from '../rules/rule';

/** The stored version 1, the figures' one source. */
export const DEFAULT_NORMS = NORMS_V1 as Norms;

/** A BOL placement every rule accepts; each case changes what it tests. */
export function context(change: { placement?: Partial<ComplianceContext['placement']>; trainer?: Partial<NonNullable<ComplianceContext['trainer']>> | null } & Omit<Partial<ComplianceContext>, 'placement' | 'trainer'> = {}): ComplianceContext {
  const { placement, trainer, ...rest } = change;
  return {
    placement: {
      companyId: 'c1',
      crebos: ['25655'],
      level: 3,
      leerweg: Leerweg.BOL,
      startDate: '2027-02-01',
      endDate: '2027-06-30',
      daysPerWeek: 4,
      hoursPerWeek: 32,
      stipendMonthlyCents: 40000,
      expenseAllowanceCents: 5000,
      ...placement,
    },
    sector: Sector.ZORG_WELZIJN_SPORT,
    accreditations: [{ crebo: '25655', status: 'ACTIVE', grantedOn: '2023-09-01', validUntil: null }],
    trainer:
      trainer === null
        ? null
        : {
            companyId: 'c1',
            qualificationLevel: 4,
            yearsOfExperience: 5,
            courseCompletedOn: '2025-09-01',
            refresherCompletedOn: null,
            sectorTrainingCompletedOn: null,
            sectorTrainingDeadline: null,
            activeStudents: 0,
            ...trainer,
          },
    ...rest,
  };
}

export const findingsOf = (c: ComplianceContext, rule: RuleId, norms: Norms = DEFAULT_NORMS) => evaluateCompliance(c, norms).findings.filter((f) => f.rule === rule);
