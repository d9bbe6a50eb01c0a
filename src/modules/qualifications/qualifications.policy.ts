import { type Actor, OrganizationType } from '../../common/auth/roles';
import { ForbiddenError } from '../../common/errors/domain-errors';

/** The register is SBB's: SBB maintains it (by hand or by file), everyone signed in reads it. */
export const QualificationsPolicy = {
  maintains(actor: Actor): boolean {
    return actor.organizationType === OrganizationType.SBB;
  },

  requireMaintainer(actor: Actor): void {
    if (!QualificationsPolicy.maintains(actor)) throw new ForbiddenError('Only SBB maintains the qualification register');
  },
};
