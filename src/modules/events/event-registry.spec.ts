import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { UnrecoverableError } from 'bullmq';
import { Transactions } from '../../database/transactions';
import { defineEvents, type EventSource } from './event-definition';
import { EventRegistry, RegistersEvents, SchoolLinks, UnknownEventTypeError } from './event-registry';
import { Events } from './events';
import { EventsRepository } from './events.repository';

const PingEvent = { TEST_PING: 'TEST_PING' } as const;

declare module './event-definition' {
  interface EventPayloads {
    TEST_PING: { userId: string };
  }
}

const ping = defineEvents(PingEvent, {
  TEST_PING: {
    payload: ['userId'],
    announce: async (payloads) =>
      payloads.map((payload) => ({ organizationIds: [payload.userId], message: { nl: { subject: 'Ping', text: 'nl' }, en: { subject: 'Ping', text: 'en' } } })),
  },
});

@RegistersEvents()
@Injectable()
class PingEvents implements EventSource {
  readonly events = ping;
}

@RegistersEvents()
@Injectable()
class PingAgain implements EventSource {
  readonly events = ping;
}

async function boot(...sources: (new () => EventSource)[]) {
  const query = jest.fn().mockResolvedValue([]);
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [EventRegistry, SchoolLinks, Events, EventsRepository, { provide: Transactions, useValue: { manager: { query }, active: true } }, ...sources],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, query, events: app.get(Events), registry: app.get(EventRegistry) };
}

describe('EventRegistry and Events', () => {
  it('knows an event a module registers, with no central list and no migration, and writes it to the outbox in one statement', async () => {
    const { app, query, events, registry } = await boot(PingEvents);
    expect(registry.types()).toEqual(['TEST_PING']);
    await events.emit('TEST_PING', [{ userId: 'a' }, { userId: 'b' }]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][0]).toMatch(/^INSERT INTO outbox/);
    expect(query.mock.calls[0][1]).toEqual(['TEST_PING', JSON.stringify([{ userId: 'a' }, { userId: 'b' }])]);
    await events.emit('TEST_PING', []);
    expect(query).toHaveBeenCalledTimes(1);
    await app.close();
  });

  it('refuses to emit a type no module registers, before anything reaches the outbox', async () => {
    const { app, query, events } = await boot(PingEvents);
    await expect(events.emit('NO_SUCH_EVENT' as 'TEST_PING', { userId: 'a' })).rejects.toThrow(UnknownEventTypeError);
    expect(query).not.toHaveBeenCalled();
    await app.close();
  });

  it('fails the boot when two modules define the same type', async () => {
    await expect(boot(PingEvents, PingAgain)).rejects.toThrow(/TEST_PING is defined twice/);
  });

  it('answers a stored type it does not know with a permanent error for each of its events', async () => {
    const { app, registry } = await boot(PingEvents);
    const results = await registry.announce({ query: jest.fn() }, 'GONE_EVENT', [{ id: '1' }, { id: '2' }]);
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result).toBeInstanceOf(UnrecoverableError);
      expect((result as Error).message).toMatch(/unknown event type GONE_EVENT/);
    }
    expect(await registry.announce({ query: jest.fn() }, 'TEST_PING', [{ userId: 'org-1' }])).toEqual([
      expect.objectContaining({ organizationIds: ['org-1'] }),
    ]);
    await app.close();
  });
});

describe('Events.emit payloads', () => {
  it('refuses a payload without a key its definition names', async () => {
    const { app, query, events } = await boot(PingEvents);
    await expect(events.emit('TEST_PING', [{ userId: 'a' }, {} as { userId: string }])).rejects.toThrow(/TEST_PING payload lacks userId/);
    expect(query).not.toHaveBeenCalled();
    await app.close();
  });

  it('refuses to emit outside a transaction, where the event would commit without the change', async () => {
    const query = jest.fn();
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [EventRegistry, SchoolLinks, Events, EventsRepository, { provide: Transactions, useValue: { manager: { query }, active: false } }, PingEvents],
    }).compile();
    const app = await moduleRef.createNestApplication({ logger: false }).init();
    await expect(app.get(Events).emit('TEST_PING', { userId: 'a' })).rejects.toThrow(/outside a transaction/);
    expect(query).not.toHaveBeenCalled();
    await app.close();
  });
});
