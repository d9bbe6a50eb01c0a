import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { EventPayloads, EventTypeName } from './event-definition';
import { EventRegistry } from './event-registry';
import { EventsRepository } from './events.repository';

/** Emits domain events into the outbox. */
@Injectable()
export class Events {
  constructor(
    private readonly transactions: Transactions,
    private readonly registry: EventRegistry,
    private readonly outbox: EventsRepository,
  ) {}

  /**
   * Records events (one per payload) in the ambient transaction: they are delivered if and only if
   * the change commits. A type no module registers is refused here, before it reaches the outbox.
   * One statement whatever the number of payloads. Outside a transaction it refuses: the event
   * would commit whether or not the change does.
   */
  async emit<T extends EventTypeName>(type: T, payloads: EventPayloads[T] | EventPayloads[T][]): Promise<void> {
    const list = Array.isArray(payloads) ? payloads : [payloads];
    const { payload: keys } = this.registry.definition(type);
    for (const payload of list) {
      const missing = keys.filter((key) => (payload as Record<string, unknown>)[key] == null);
      if (missing.length) throw new Error(`${type} payload lacks ${missing.join(', ')}`);
    }
    if (!this.transactions.active) throw new Error(`Events.emit(${type}) outside a transaction: run it inside Transactions.run`);
    await this.outbox.insert(type, list);
  }
}
