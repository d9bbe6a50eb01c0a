import { BadUserInputError } from '../../common/errors/domain-errors';
import { reapplicableFrom } from './accreditation-dates';
import type { CompaniesRepository } from './companies.repository';

/**
 * R3: a branch refused for a crebo may be accredited for it again only from six months after the
 * refusal. Checked inside the grant's transaction, before anything is written.
 */
export async function assertReapplicationAllowed(companies: CompaniesRepository, branchId: string, crebo: string, grantedOn: string): Promise<void> {
  const refusal = await companies.latestRefusalOnOrBefore(branchId, crebo, grantedOn);
  if (!refusal) return;
  const from = reapplicableFrom(refusal.refusedOn);
  if (grantedOn < from) {
    throw BadUserInputError.field(
      'input.grantedOn',
      `SBB refused this branch for crebo ${crebo} on ${refusal.refusedOn}; a new application is possible from ${from} (R3)`,
      'R3',
    );
  }
}
