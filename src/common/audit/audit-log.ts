import type { EntityManager } from 'typeorm';
import { type Actor, rolesOf } from '../auth/roles';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditedChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Appends audit rows (one per change, in one statement) inside the caller's transaction, so the
 * change and its record commit or roll back together (design §5).
 */
export async function recordAudit(manager: EntityManager, actor: Actor | null, changes: AuditedChange | AuditedChange[]): Promise<void> {
  const list = Array.isArray(changes) ? changes : [changes];
  if (list.length === 0) return;
  await manager.save(list.map((change) => manager.create(AuditEntryEntity, {
    actorUserId: actor?.userId ?? null,
    actorRole: actor ? rolesOf(actor).at(-1)! : 'SYSTEM',
    actorOrganizationId: actor?.organizationId ?? null,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: (change.before ?? null) as Record<string, unknown> | null,
    after: (change.after ?? null) as Record<string, unknown> | null,
  })));
}
