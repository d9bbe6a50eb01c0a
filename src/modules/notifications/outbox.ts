import type { EntityManager } from 'typeorm';
import type { EventPayloads, EventType } from './event-type';
import { OutboxEventEntity } from './outbox-event.entity';

/**
 * Records domain events (one per payload) inside the caller's transaction: they are delivered if
 * and only if the change commits.
 */
export async function recordEvent<T extends EventType>(manager: EntityManager, type: T, payloads: EventPayloads[T] | EventPayloads[T][]): Promise<void> {
  const list = Array.isArray(payloads) ? payloads : [payloads];
  if (list.length) await manager.insert(OutboxEventEntity, list.map((payload) => ({ type, payload: payload as Record<string, string> })));
}
