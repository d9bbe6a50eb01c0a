import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import type { EventPayloads, EventTypeName } from './event-definition';

/*
 * The only place the `outbox` table is named. `EventsRepository` joins the ambient transaction;
 * the plain functions below take the caller's manager or `Queryable`, for code that holds one
 * (the dispatcher's prepared statements, the match-round runner the bench calls outside Nest DI).
 * Other modules import them through `outbox.ts`.
 */

/** An EntityManager, a query runner or PreparedQueries. */
type Statements = { query(text: string, values?: unknown[]): Promise<unknown> };

/** One outbox row per payload, in one statement (a single parameter, however many payloads). */
const INSERT_EVENTS = 'INSERT INTO outbox (type, payload) SELECT $1, payload FROM jsonb_array_elements($2::jsonb) AS payload';

/** An outbox row as the dispatcher reads it. */
export interface OutboxRow {
  id: string;
  event_id: string;
  type: string;
  payload: Record<string, string>;
  created_at: Date;
}

/** The outbox rows with these ids (a job names one; ids may repeat after a reset, so check `event_id`). */
export function outboxRows(db: Queryable, ids: string[]): Promise<OutboxRow[]> {
  return db.query<OutboxRow>('SELECT id, event_id, type, payload, created_at FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
}

/**
 * `statement` (a `WITH` query over the caller's own tables) that also marks the events whose ids are
 * its parameter `$idsParameter` dispatched, in the same statement and so atomically with it: the
 * dispatcher's insert of their notifications and deliveries, which exist from then on. One round
 * trip, where a separate UPDATE would be a second one per batch.
 */
export function markingDispatched(statement: string, idsParameter: number): string {
  const rest = /^\s*WITH\s+([\s\S]*)$/.exec(statement)?.[1];
  if (rest === undefined) throw new Error('markingDispatched takes a WITH query');
  return `WITH dispatched AS (
    UPDATE outbox SET dispatched_at = now() WHERE id = ANY($${idsParameter}::bigint[]) AND dispatched_at IS NULL
  ), ${rest}`;
}

/** Relayed events not dispatched, untouched for `seconds`, after id `after`, at most `limit`: their job may be lost. */
export function undispatchedEvents(db: Queryable, seconds: number, after: string, limit: number): Promise<{ id: string; event_id: string }[]> {
  return db.query(
    `SELECT id, event_id FROM outbox
      WHERE relayed_at IS NOT NULL AND dispatched_at IS NULL AND relayed_at < now() - make_interval(secs => $1) AND id > $2
      ORDER BY id LIMIT $3`,
    [seconds, after, limit],
  );
}

/**
 * For code that still holds an explicit EntityManager (a plain function, or a transaction not yet
 * on `Transactions`): records events in that manager's transaction. Services inject `Events` and
 * call `emit` instead.
 */
export async function recordEvents<T extends EventTypeName>(manager: Statements, type: T, payloads: EventPayloads[T] | EventPayloads[T][]): Promise<void> {
  const list = Array.isArray(payloads) ? payloads : [payloads];
  if (list.length) await manager.query(INSERT_EVENTS, [type, JSON.stringify(list)]);
}

/**
 * Records one event per row of `select`, a query over the caller's own tables whose single column
 * is the jsonb payload, in one statement: for a batch too large to bring back (a match round's
 * proposals). The type is passed as the parameter after `params`.
 */
export async function recordEventsSelected(manager: Statements, type: EventTypeName, select: string, params: unknown[]): Promise<void> {
  await manager.query(`INSERT INTO outbox (type, payload) SELECT $${params.length + 1}, source.payload FROM (${select}) AS source(payload)`, [...params, type]);
}

/** Relayed-mark of a batch: the oldest unrelayed rows, locked SKIP LOCKED so several workers share the work. */
const RELAY = `
  UPDATE outbox SET relayed_at = now()
   WHERE id IN (SELECT id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING id, event_id`;

/** The outbox in the ambient transaction (`Transactions.manager`). */
@Injectable()
export class EventsRepository {
  constructor(private readonly transactions: Transactions) {}

  /** One outbox row per payload, in one statement. */
  async insert(type: EventTypeName, payloads: readonly unknown[]): Promise<void> {
    if (payloads.length) await this.transactions.manager.query(INSERT_EVENTS, [type, JSON.stringify(payloads)]);
  }

  /** Marks up to `limit` unrelayed rows relayed (the mark commits with the caller's transaction) and returns them. */
  async markRelayed(limit: number): Promise<{ id: string; event_id: string }[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [events]: [{ id: string; event_id: string }[], number] = await this.transactions.manager.query(RELAY, [limit]);
    return events;
  }
}
