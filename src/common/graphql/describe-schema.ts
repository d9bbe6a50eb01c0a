import {
  type GraphQLArgument, type GraphQLField, type GraphQLSchema, getNamedType, isUnionType, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType,
} from 'graphql';
import { ENUM_CATALOG } from './enum-catalog';
import { ARGUMENTS, FIELDS, TYPES } from './schema-glossary';

/**
 * Gives every part of the schema its description (issue #19; checked by `npm run lint:schema`). A
 * description in the code (`@Field({ description })`, `@ObjectType({ description })`,
 * `registerEnumType`) always wins; what has none takes it from the glossary (schema-glossary.ts:
 * `Type.field`, then the recurring field name alone) or, for enum values, from enum-catalog.ts (which
 * also holds their Dutch labels). Runs once, on the built schema (GraphQL options `transformSchema`).
 */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description && TYPES[type.name]) type.description = TYPES[type.name];
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) field.description = FIELDS[`${type.name}.${field.name}`] ?? FIELDS[field.name] ?? field.description;
        if (!('args' in field)) continue;
        for (const argument of field.args) {
          if (!argument.description) {
            argument.description =
              ARGUMENTS[`${type.name}.${field.name}(${argument.name})`] ?? ARGUMENTS[`${field.name}(${argument.name})`] ?? ARGUMENTS[argument.name] ?? structural(field, argument) ?? argument.description;
          }
        }
      }
    }
    if (isEnumType(type)) {
      const catalog = ENUM_CATALOG[type.name] ?? {};
      for (const value of type.getValues()) {
        if (!value.description && catalog[value.name]?.[0]) value.description = catalog[value.name][0];
      }
    }
  }
  return schema;
}

/** `id`, `input` and `filter` arguments described by what they point at. */
function structural(field: GraphQLField<unknown, unknown>, argument: GraphQLArgument): string | undefined {
  const argumentType = getNamedType(argument.type).name;
  if (argument.name === 'input') return `What to send: see ${argumentType}`;
  if (argument.name === 'filter') return `Only the rows that match every field given (see ${argumentType})`;
  if (argument.name === 'id') {
    const returned = getNamedType(field.type);
    const target = isUnionType(returned) ? returned.getTypes().find((member) => member.getFields().id) : returned;
    return target && 'getFields' in target && target.getFields().id ? `The id of the ${target.name}` : 'The id of the object';
  }
  return undefined;
}
