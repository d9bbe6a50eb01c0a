import { Role } from '../../common/auth/roles';

/** Who administers an organization's accounts: its own admins (and PLATFORM admins, their own). */
export const ORGANIZATION_ADMINS = [Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN, Role.SBB_ADMIN, Role.PLATFORM_ADMIN];
