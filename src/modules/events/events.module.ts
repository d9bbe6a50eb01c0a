import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventRegistry, SchoolLinks } from './event-registry';
import { EventsRepository } from './events.repository';
import { Events } from './events';

/**
 * The bottom layer every emitting module uses: the outbox table and `Events.emit`, and the
 * registry of event types the modules define beside themselves (`<module>.events.ts`).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [EventRegistry, SchoolLinks, Events, EventsRepository],
  exports: [EventRegistry, SchoolLinks, Events, EventsRepository],
})
export class EventsModule {}
