import type { Rule } from './rule';

/** R1: the branch holds an active accreditation for the crebo, valid on the start date. */
export const accreditationRule: Rule = {
  id: 'R1',
  evaluate({ placement, accreditations, student }) {
    const crebos = student ? [student.crebo] : placement.crebos;
    const valid = (crebo: string) =>
      accreditations.some(
        (a) => a.crebo === crebo && a.status === 'ACTIVE' && a.grantedOn <= placement.startDate && (!a.validUntil || a.validUntil >= placement.startDate),
      );
    return crebos
      .filter((crebo) => !valid(crebo))
      .map((crebo) => ({
        field: 'crebos',
        message: `The branch has no accreditation for crebo ${crebo} valid on ${placement.startDate}; ask SBB for one or remove the crebo`,
        details: { crebo, startDate: placement.startDate },
      }));
  },
};
