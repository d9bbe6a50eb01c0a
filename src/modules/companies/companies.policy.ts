import { type Actor, OrganizationType } from '../../common/auth/roles';
import { ForbiddenError } from '../../common/errors/domain-errors';

/**
 * Who may see a company's internals (trainers, hidden addresses, compliance findings): the company
 * itself, SBB and the operator. The one definition; other modules ask it.
 */
export function seesCompanyInternals(actor: Actor, companyId: string): boolean {
  return (
    actor.organizationId === companyId ||
    actor.organizationType === OrganizationType.SBB ||
    actor.organizationType === OrganizationType.PLATFORM
  );
}

/** Row-level access to companies' branches, trainers, accreditations and refusals. */
export const CompaniesPolicy = {
  seesInternals: seesCompanyInternals,

  /** FORBIDDEN unless the actor may see the company's internals. */
  requireInternals(actor: Actor, companyId: string, what: string): void {
    if (!seesCompanyInternals(actor, companyId)) throw new ForbiddenError(what);
  },

  /** A branch's address, unless it is hidden from the public register and the actor is not of the company, SBB or the operator. */
  seesAddress(actor: Actor, branch: { companyId: string; addressHidden: boolean }): boolean {
    return !branch.addressHidden || seesCompanyInternals(actor, branch.companyId);
  },

  /** Branches and trainers are changed by their own company only: the company a lookup is scoped to. */
  ownCompany(actor: Actor): string {
    return actor.organizationId;
  },

  /** Refusals (R3): SBB sees every company's, a company only its own (FORBIDDEN when it names another). */
  refusalsScope(actor: Actor, requested: string | undefined): string | undefined {
    if (actor.organizationType !== OrganizationType.COMPANY) return requested;
    if (requested && requested !== actor.organizationId) throw new ForbiddenError('A company sees only its own refusals');
    return actor.organizationId;
  },
};
