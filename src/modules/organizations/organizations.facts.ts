/**
 * What other modules may read of organizations: pure reads, one statement each, on the caller's
 * `Queryable` (its manager or PreparedQueries). The SQL lives in `organizations.repository.ts`.
 */
export { isActiveUser, mailboxes, organizationNames, organizationType, sbbOrganizationIds, sectorsOf } from './organizations.repository';
