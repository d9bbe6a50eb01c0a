import { BadUserInputError } from '../../common/errors/domain-errors';

/** The rule an unknown, forged, used, revoked or expired invitation or reset link breaks. */
export const LINK_INVALID = 'LINK_INVALID';

/** One answer for every unusable link: it does not tell a forged token from a used or expired one. */
export function invalidLink(path: string): BadUserInputError {
  return BadUserInputError.field(path, 'this link is unknown, was already used, was revoked or has expired; ask for a new one', LINK_INVALID);
}

/** The front end's page for an invitation's link; the token is in the fragment, so no server log or Referer holds it. */
export function invitationLink(appUrl: string, token: string): string {
  return `${appUrl}/accept-invitation#token=${token}`;
}

/** The front end's page for a guardian's POK signing link (issue #17); the token in the fragment, as above. */
export function guardianSigningLink(appUrl: string, token: string): string {
  return `${appUrl}/guardian-signing#token=${token}`;
}
