import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema, getNamedType, isObjectType, isInterfaceType, parse, TypeInfo, validate, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'graphql', 'examples');

export interface Example {
  file: string;
  source: string;
  /** The demo user the header `# as:` names (or `anonymous`). */
  as: string;
  /** The header `# variables:`; a string value "@name" stands for an id the test looks up (see examples.e2e-spec.ts). */
  variables: Record<string, unknown>;
}

export function readExamples(): Example[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const source = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
      const as = /^# as: (\w+)$/m.exec(source)?.[1];
      const variables = /^# variables: (.*)$/m.exec(source)?.[1];
      if (!as || !variables) throw new Error(`${file}: needs a "# as:" and a "# variables:" header`);
      return { file, source, as, variables: JSON.parse(variables) as Record<string, unknown> };
    });
}

export function committedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'graphql', 'schema.graphql'), 'utf8'));
}

/**
 * The selection sets of `document` on an object or interface type that has an `id` but do not select
 * it (directly or in an inline fragment without a type condition): what leaves Apollo's normalized
 * cache unable to tell two objects apart. Answers "Type at line N" for each.
 */
export function selectionsWithoutId(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const missing: string[] = [];
  const selectsId = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) =>
      selection.kind === 'Field' ? selection.name.value === 'id' && !selection.alias : selection.kind === 'InlineFragment' && !selection.typeCondition && selectsId(selection.selectionSet),
    );
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!node.selectionSet) return;
        const type = getNamedType(typeInfo.getType());
        if (!(isObjectType(type) || isInterfaceType(type)) || !type.getFields().id) return;
        if (!selectsId(node.selectionSet)) missing.push(`${type.name} at line ${node.loc?.startToken.line ?? '?'}`);
      },
    }),
  );
  return missing;
}

export function validateExample(schema: GraphQLSchema, example: Example): string[] {
  const document = parse(example.source);
  return [...validate(schema, document).map((error) => error.message), ...selectionsWithoutId(schema, document).map((where) => `selects no id: ${where}`)];
}
