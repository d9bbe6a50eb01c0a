import type { INestApplication } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ALLOWED_ROLES, PUBLIC_OPERATION } from '../../src/common/auth/allow.decorator';

// @nestjs/graphql's own metadata keys (graphql.constants): what its resolver explorer reads.
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const RESOLVER_PROPERTY = 'graphql:resolve_property';

/** Who may run one resolver: `Query.x`, `Mutation.x`, or `Type.field` for a field resolver. */
export interface Guarded {
  roles: string[];
  public: boolean;
}

/**
 * Every resolver of the running app with the roles its `@Allow(...)` lists (the access guard's own
 * reading: the method's, else its class's), keyed `Query.field`, `Mutation.field` or `Type.field`.
 * A field with no resolver (a plain model property) is not in the map: it is readable wherever its
 * parent is. Found the way Nest finds resolvers, so an operation added anywhere is covered.
 */
export function guardedResolvers(app: INestApplication): Map<string, Guarded> {
  const found = new Map<string, Guarded>();
  for (const wrapper of app.get(DiscoveryService, { strict: false }).getProviders()) {
    const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
    if (!type?.prototype || !wrapper.instance) continue;
    const parent: string | undefined = Reflect.getMetadata(RESOLVER_NAME, type);
    const classRoles: string[] | undefined = Reflect.getMetadata(ALLOWED_ROLES, type);
    const classPublic = Reflect.getMetadata(PUBLIC_OPERATION, type) === true;
    for (let proto = type.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const method = Object.getOwnPropertyDescriptor(proto, name)?.value;
        if (typeof method !== 'function' || name === 'constructor') continue;
        const root: string | undefined = Reflect.getMetadata(RESOLVER_TYPE, method);
        const fieldName: string | undefined = Reflect.getMetadata(RESOLVER_NAME, method);
        const key =
          root === 'Query' || root === 'Mutation' ? `${root}.${fieldName ?? name}` : Reflect.getMetadata(RESOLVER_PROPERTY, method) && parent ? `${parent}.${fieldName ?? name}` : null;
        if (!key || found.has(key)) continue;
        found.set(key, {
          roles: Reflect.getMetadata(ALLOWED_ROLES, method) ?? classRoles ?? [],
          public: Reflect.getMetadata(PUBLIC_OPERATION, method) === true || classPublic,
        });
      }
    }
  }
  return found;
}

export const schemaOf = (app: INestApplication): GraphQLSchema => app.get(GraphQLSchemaHost).schema;

/** A right-shaped value of an input type: every required field, `id` in every ID position. */
export function sampleValue(type: GraphQLInputType, id: string, depth = 0): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, id, depth);
  if (isListType(type)) return [sampleValue(type.ofType, id, depth + 1)];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(fields.map((field) => [field.name, sampleValue(field.type, id, depth + 1)]));
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  switch ((type as { name: string }).name) {
    case 'ID':
      return id;
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'LocalDate':
      return '2027-02-01';
    case 'DateTime':
      return '2027-02-01T09:00:00.000Z';
    default:
      return 'steekproef';
  }
}

/** The variable type of an argument as SDL (`ID!`, `[String!]`, `SomeInput`). */
export const typeName = (type: GraphQLInputType): string => type.toString();

/**
 * A selection set that reads everything of `typeName` a caller with `role` may read: every plain
 * field, every field resolver that allows `role`, nested objects to `depth`, unions and interfaces
 * through inline fragments. Fields with required arguments and a type already on the path are left out.
 */
export function selectionFor(schema: GraphQLSchema, guarded: Map<string, Guarded>, role: string, typeName: string, depth = 4, path: string[] = []): string {
  const type = schema.getType(typeName);
  if (!type || isLeafType(type)) return '';
  if (isAbstractType(type)) {
    const fragments = schema
      .getPossibleTypes(type)
      .filter((possible) => !path.includes(possible.name))
      .map((possible) => `... on ${possible.name} ${selectionFor(schema, guarded, role, possible.name, depth, path)}`);
    return `{ __typename ${fragments.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const readable = (field: GraphQLField<unknown, unknown>) => {
    const resolver = guarded.get(`${type.name}.${field.name}`) ?? type.getInterfaces().map((face) => guarded.get(`${face.name}.${field.name}`)).find(Boolean);
    return !resolver || resolver.public || resolver.roles.includes(role);
  };
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined) || !readable(field)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && !path.includes(named.name)) {
      const inner = selectionFor(schema, guarded, role, named.name, depth - 1, [...path, type.name]);
      if (inner) parts.push(`${field.name} ${inner}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}
