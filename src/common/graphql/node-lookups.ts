import { Global, Injectable, Module } from '@nestjs/common';
import type { Actor, Role } from '../auth/roles';

/** How `node(id)` refetches one type: the roles its own lookup allows, and that lookup (NOT_FOUND for what the actor may not see). */
export interface NodeLookup {
  /** The roles the type's own lookup allows (its @Allow); anyone else gets NOT_FOUND, never FORBIDDEN (it would tell the type). */
  roles: Role[];
  find: (actor: Actor, id: string) => Promise<object>;
  /** The table its ids are in: reporting finds an id's type with one probe over every such table. */
  table: string;
}

/**
 * The lookups of node types whose modules reporting cannot import (they sit below it but import
 * reporting's read models, or a module that does): each registers its own at boot, so its lookup
 * stays beside its policy. Reporting's `NodesService` holds the others.
 */
@Injectable()
export class NodeLookups {
  private readonly lookups = new Map<string, NodeLookup>();

  register(type: string, lookup: NodeLookup): void {
    if (this.lookups.has(type)) throw new Error(`node type ${type} is registered twice`);
    this.lookups.set(type, lookup);
  }

  get registered(): ReadonlyMap<string, NodeLookup> {
    return this.lookups;
  }
}

@Global()
@Module({ providers: [NodeLookups], exports: [NodeLookups] })
export class NodeLookupsModule {}
