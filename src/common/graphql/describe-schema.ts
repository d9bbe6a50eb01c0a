import {
  type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType,
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
            argument.description = ARGUMENTS[`${type.name}.${field.name}(${argument.name})`] ?? ARGUMENTS[`${field.name}(${argument.name})`] ?? ARGUMENTS[argument.name] ?? argument.description;
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
