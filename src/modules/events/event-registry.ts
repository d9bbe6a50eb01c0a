import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError } from 'bullmq';
import type { AnnounceContext, Announcement, EventDefinition, EventPayload, EventSource } from './event-definition';
import type { Queryable } from '../../database/prepared-queries';

/** Marks a module's `EventSource` provider (its `<module>.events.ts`) for the registry. */
export const RegistersEvents = DiscoveryService.createDecorator<void>();

/** Schools linked to a company or placement; one provider, marked with `ProvidesSchoolLinks`. */
export interface SchoolLinks {
  schoolsLinkedTo(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<Map<string, string[]>>;
}
export const ProvidesSchoolLinks = DiscoveryService.createDecorator<void>();

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
  private schoolLinks: SchoolLinks | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

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
  async announce(db: Queryable, type: string, payloads: EventPayload[]): Promise<(Announcement | Error)[]> {
    if (!this.has(type)) return payloads.map(() => new UnknownEventTypeError(type));
    const context: AnnounceContext = {
      db,
      schoolsLinkedTo: (by, ids) => {
        if (!this.schoolLinks) throw new Error('no module provides the schools linked to a company (ProvidesSchoolLinks)');
        return this.schoolLinks.schoolsLinkedTo(db, by, ids);
      },
    };
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
    const links = this.discovery.getProviders({ metadataKey: ProvidesSchoolLinks.KEY });
    if (links.length > 1) throw new Error(`schools linked to a company have ${links.length} definitions (${links.map((w) => w.name).join(', ')}); there must be one`);
    this.schoolLinks = (links[0]?.instance as SchoolLinks | undefined) ?? null;
    this.definitions = definitions;
    return definitions;
  }
}
