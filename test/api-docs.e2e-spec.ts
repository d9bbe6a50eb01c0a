import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { ENUM_CATALOG } from '../src/common/graphql/enum-catalog';
import { ARGUMENTS, FIELDS, TYPES } from '../src/common/graphql/schema-glossary';
import { TestApp } from './support/test-app';

/** Every part of the schema that lacks a description: what `npm run lint:schema` would report. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

/** API documentation (issue #19): every part of the schema described; Dutch labels for every enum value. */
describe('schema descriptions and enum labels', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await TestApp.start({ withWorker: false });
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => t.stop());

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('has a Dutch label for every enum value of the schema, and no label for one that is gone', () => {
    const inSchema = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter((type) => isEnumType(type) && !isIntrospectionType(type))
        .map((type) => [type.name, isEnumType(type) ? type.getValues().map((value) => value.name).sort() : []]),
    );
    const inCatalog = Object.fromEntries(Object.entries(ENUM_CATALOG).map(([name, values]) => [name, Object.keys(values).sort()]));
    expect(inCatalog).toEqual(inSchema);
    for (const values of Object.values(ENUM_CATALOG)) for (const [, nl] of Object.values(values)) expect(nl.trim().length).toBeGreaterThan(0);
  });

  it('has no glossary entry for a type, field or argument that no longer exists', () => {
    const types = schema.getTypeMap();
    const fieldsOf = (name: string) => {
      const type = types[name];
      return type && (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) ? type.getFields() : {};
    };
    const stale = [
      ...Object.keys(TYPES).filter((name) => !types[name]),
      ...Object.keys(FIELDS).filter((key) => key.includes('.') && !fieldsOf(key.split('.')[0])[key.split('.')[1]]),
      ...Object.keys(ARGUMENTS).filter((key) => key.includes('.')).filter((key) => {
        const [, typeName, field, argument] = /^(\w+)\.(\w+)\((\w+)\)$/.exec(key) ?? [];
        const found = fieldsOf(typeName)[field];
        return !found || !('args' in found) || !found.args.some((arg) => arg.name === argument);
      }),
    ];
    expect(stale).toEqual([]);
  });

  it('serves the Dutch labels to anyone: enumLabels', async () => {
    const { data, errors } = await t.gql('{ enumLabels(enums: ["PlacementStatus", "Leerweg"]) { enum value nl description } }');
    expect(errors).toBeUndefined();
    expect(data!.enumLabels).toContainEqual({ enum: 'PlacementStatus', value: 'PUBLISHED', nl: 'Gepubliceerd', description: 'Open to students' });
    expect(data!.enumLabels).toContainEqual(expect.objectContaining({ enum: 'Leerweg', value: 'BBL', nl: 'BBL (beroepsbegeleidend)' }));
    expect(data!.enumLabels).toHaveLength(6);
    const all = await t.gql('{ enumLabels { enum value nl } }');
    expect(all.data!.enumLabels.length).toBe(Object.values(ENUM_CATALOG).reduce((sum, values) => sum + Object.keys(values).length, 0));
  });

  it('answers an unknown enum name as BAD_USER_INPUT naming its position', async () => {
    const { errors } = await t.gql('{ enumLabels(enums: ["Leerweg", "Nope"]) { value } }');
    expect(errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'enums.1', message: 'not an enum of this API' }] });
  });
});
