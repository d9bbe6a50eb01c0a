import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError } from 'bullmq';
import type { AnnounceContext, Announcement, EventDefinition, EventPayload, EventSource } from './event-definition';
import { Hook } from '../../common/hooks/hook';
import type { Queryable } from '../../database/prepared-queries';

/** Marks a module's `EventSource` provider (its `<module>.events.ts`) for the registry. */
export const RegistersEvents = DiscoveryService.createDecorator<void>();

/** Schools linked to a company or placement: matching's one definition, registered at boot. */
@Injectable()
export class SchoolLinks extends Hook<(db: Queryable, by: 'company' | 'placement', ids: string[]) => Promise<Map<string, string[]>>> {
  constructor() {
    super('definition of the schools linked to a company', 'MatchingModule');
  }
}

/** An event whose type no module defines: retrying cannot help, so its job fails for good. */
export class UnknownEventTypeError extends UnrecoverableError {
  constructor(type: string) {
    super(`unknown event type ${type}: no module registers it`);
    this.name = 'UnknownEventTypeError';
  }
}

/**
 * Every event type the running app knows, collected from the modules' `@RegistersEvents()`
 * providers on first use (after all providers exist). Two definitions of one type fail the boot.
 */
@Injectable()
export class EventRegistry implements OnApplicationBootstrap {
  private definitions: Map<string, EventDefinition> | null = null;
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly schoolLinks: SchoolLinks,
  ) {}

  /** Collects and validates the definitions at boot, so a duplicate fails the start, not the first event. */
  onApplicationBootstrap(): void {
    this.load();
  }

  types(): string[] {
    return [...this.load().keys()];
  }

  has(type: string): boolean {
    return this.load().has(type);
  }

  definition(type: string): EventDefinition {
    const definition = this.load().get(type);
    if (!definition) throw new UnknownEventTypeError(type);
    return definition;
  }

  /** The announcements of a batch of events of one type; an unknown type fails each event permanently. */
  async announce(db: Queryable, type: string, payloads: EventPayload[], { appUrl = '' }: { appUrl?: string } = {}): Promise<(Announcement | Announcement[] | Error)[]> {
    if (!this.has(type)) return payloads.map(() => new UnknownEventTypeError(type));
    const context: AnnounceContext = { db, schoolsLinkedTo: (by, ids) => this.schoolLinks.call(db, by, ids), link: (path) => `${appUrl.replace(/\/$/, '')}${path}` };
    return this.definition(type).announce(payloads, context);
  }

  private load(): Map<string, EventDefinition> {
    if (this.definitions) return this.definitions;
    const definitions = new Map<string, EventDefinition>();
    const owners = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: RegistersEvents.KEY })) {
      const source = wrapper.instance as EventSource | undefined;
      if (!source?.events) throw new Error(`${wrapper.name} is marked @RegistersEvents() but has no events`);
      for (const definition of source.events) {
        const owner = owners.get(definition.type);
        if (owner) throw new Error(`event type ${definition.type} is defined twice: by ${owner} and by ${wrapper.name}`);
        if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(definition.type)) throw new Error(`event type ${definition.type} (${wrapper.name}) must be UPPER_SNAKE_CASE, at most 64 characters`);
        owners.set(definition.type, String(wrapper.name));
        definitions.set(definition.type, definition);
      }
    }
    this.definitions = definitions;
    return definitions;
  }
}
