import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, rolesOf } from '../auth/roles';
import { Transactions } from '../../database/transactions';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditedChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** An operator's command-line task (e.g. `npm run org:create`): someone with database access, no signed-in user. */
export const COMMAND_LINE = 'CLI';

/** How an API key's changes and uses show in `actorRole`: under the key's name (unique in its organization). */
export const apiKeyActorRole = (name: string) => `API_KEY:${name}`;

/** Who changed something: a signed-in user, an operator on the command line, or the system (null: the worker, the schedule). */
export type AuditActor = Actor | typeof COMMAND_LINE | null;

/**
 * Appends audit rows (one per change, in one statement) inside the caller's transaction, so the
 * change and its record commit or roll back together (design §5). SBB reads and exports these
 * rows: `before`/`after` hold ids, never a student's identity (R20).
 *
 * Services inject `AuditLog`; this form is for code outside Nest DI that holds its own manager
 * (the demo seed, the org:create command, the benches' match-round runner, applyVerdicts).
 */
export async function recordAudit(manager: EntityManager, actor: AuditActor, changes: AuditedChange | AuditedChange[]): Promise<void> {
  const list = Array.isArray(changes) ? changes : [changes];
  if (list.length === 0) return;
  const user = actor === COMMAND_LINE ? null : actor;
  await manager.save(list.map((change) => manager.create(AuditEntryEntity, {
    actorUserId: user?.apiKey ? null : (user?.userId ?? null),
    actorRole: actor === COMMAND_LINE ? COMMAND_LINE : user?.apiKey ? apiKeyActorRole(user.apiKey.name) : user ? rolesOf(user).at(-1)! : 'SYSTEM',
    actorOrganizationId: user?.organizationId ?? null,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: (change.before ?? null) as Record<string, unknown> | null,
    after: (change.after ?? null) as Record<string, unknown> | null,
  })));
}

/** The audit log for services: `record` writes in the ambient transaction (`Transactions`), see `recordAudit`. */
@Injectable()
export class AuditLog {
  constructor(private readonly transactions: Transactions) {}

  record(actor: AuditActor, changes: AuditedChange | AuditedChange[]): Promise<void> {
    return recordAudit(this.transactions.manager, actor, changes);
  }
}
