import type { EntityManager } from 'typeorm';
import type { EventPayloads, EventType } from './event-type';
import { OutboxEventEntity } from './outbox-event.entity';

/** Records a domain event inside the caller's transaction: it is delivered if and only if the change commits. */
export async function recordEvent<T extends EventType>(manager: EntityManager, type: T, payload: EventPayloads[T]): Promise<void> {
  await manager.insert(OutboxEventEntity, { type, payload: payload as Record<string, string> });
}
