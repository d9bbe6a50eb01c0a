import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Set by `node`/`nodes` on what they return: the GraphQL type the value is (the interface's resolveType). */
export const NODE_TYPE = Symbol('stagematch:node-type');

/**
 * Relay's Node: an object with an id unique across every type. Every id is a random UUID (v4,
 * `gen_random_uuid()`), so the id a type already had is its global id: `node(id)` finds the type
 * by the id and refetches the object under that type's own authorization.
 */
@InterfaceType('Node', {
  description: 'An object with an id unique across all types (a UUID); node(id) refetches it under the same authorization as its own lookup',
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Unique across all types: node(id) refetches it, a client cache keys on it' })
  id: string;
}
