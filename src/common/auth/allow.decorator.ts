import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ALLOWED_ROLES = 'stagematch:allowed-roles';
export const PUBLIC_OPERATION = 'stagematch:public';

/** Lets the listed roles run a query, mutation or field. Without it, everything is denied. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** An operation anyone may call, signed in or not (login, health). */
export const Public = () => SetMetadata(PUBLIC_OPERATION, true);

export const PEOPLE_ONLY = 'stagematch:people-only';

/**
 * Refused to API keys whatever their role: managing users, invitations, sessions and keys is for
 * people signed in themselves (the access guard checks it).
 */
export const PeopleOnly = () => SetMetadata(PEOPLE_ONLY, true);
