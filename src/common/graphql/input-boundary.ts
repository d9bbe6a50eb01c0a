import {
  coerceInputValue,
  type DocumentNode,
  type FieldNode,
  getArgumentValues,
  getNullableType,
  type GraphQLField,
  getVariableValues,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  typeFromAST,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { FieldProblem } from '../errors/domain-errors';

/** Every id the API takes is a UUID (the primary keys); Postgres would refuse anything else as INTERNAL. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A lone UTF-16 half: not text, and Postgres (jsonb, text) and `encodeURIComponent` refuse it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored as text, or null when it can. */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone UTF-16 surrogate)';
  return null;
}

const joinPath = (parts: readonly (string | number)[]): string => parts.join('.');

/** The argument path (`input.identity`) of every variable's first use, so problems name arguments, not variables. */
function variableUses(document: DocumentNode): Map<string, (string | number)[]> {
  const uses = new Map<string, (string | number)[]>();
  const walk = (node: ValueNode, path: (string | number)[]): void => {
    if (node.kind === Kind.VARIABLE) {
      if (!uses.has(node.name.value)) uses.set(node.name.value, path);
    } else if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) walk(field.value, [...path, field.name.value]);
    } else if (node.kind === Kind.LIST) {
      node.values.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  visit(document, {
    Field: (field) => {
      for (const argument of field.arguments ?? []) walk(argument.value, [argument.name.value]);
    },
    Directive: () => false,
  });
  return uses;
}

/** graphql-js names a missing or unknown input field in its message, on the path of the object that holds it. */
function refinePath(path: (string | number)[], message: string): (string | number)[] {
  const field = /^Field "(\w+)" (?:of required type|is not defined by type)/.exec(message);
  return field ? [...path, field[1]] : path;
}

/** Variables that do not coerce to their declared types, each named by the argument it feeds. */
function variableProblems(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>, uses: Map<string, (string | number)[]>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never);
    if (!type || !isInputType(type)) continue; // the document's validation reports it
    const at = uses.get(name) ?? [`$${name}`];
    const value = raw[name];
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue) problems.push({ path: joinPath(at), message: 'is required' });
      continue;
    }
    coerceInputValue(value, type, (path, _invalid, error) => {
      const message = error.message.replace(/^Expected non-nullable type "[^"]+" not to be null\.?$/, 'must not be null');
      problems.push({ path: joinPath(refinePath([...at, ...path], error.message)), message });
    });
  }
  return problems;
}

/** Ids that are not UUIDs and text Postgres cannot store, anywhere in one argument's coerced value. */
function valueProblems(value: unknown, type: GraphQLInputType, path: (string | number)[], problems: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, index) => valueProblems(item, nullable.ofType, [...path, index], problems));
  } else if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, field] of Object.entries(fields)) valueProblems((value as Record<string, unknown>)[name], field.type, [...path, name], problems);
  } else if (isScalarType(nullable) && typeof value === 'string') {
    const problem = nullable.name === 'ID' && !UUID.test(value) ? 'must be an id (a UUID)' : textProblem(value);
    if (problem) problems.push({ path: joinPath(path), message: problem });
  }
}

interface OperationShape {
  uses: Map<string, (string | number)[]>;
  /** The fields of the operation (and its fragments) that take arguments, with their definitions. */
  sites: Array<{ node: FieldNode; field: GraphQLField<unknown, unknown> }>;
}

/**
 * What the checks need of a document, found once per parsed document and operation: Apollo keeps
 * parsed documents, so the same query text comes back as the same object and is not walked again.
 */
const shapes = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationShape>>();

function shapeOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const ofDocument = shapes.get(document) ?? new Map<OperationDefinitionNode, OperationShape>();
  shapes.set(document, ofDocument);
  let shape = ofDocument.get(operation);
  if (shape) return shape;
  shape = { uses: variableUses(document), sites: [] };
  const typeInfo = new TypeInfo(schema);
  const inOperation = new Set([operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)]);
  for (const definition of inOperation) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field: (node: FieldNode) => {
          const field = typeInfo.getFieldDef();
          if (field && node.arguments?.length) shape!.sites.push({ node, field });
        },
      }),
    );
  }
  ofDocument.set(operation, shape);
  return shape;
}

/**
 * The input checks that no scalar of graphql-js makes, for one operation before anything
 * resolves: variables coerce to their types, every `ID` is a UUID, and every string is text
 * Postgres can store. Each problem names the argument path (`input.identity.email`).
 */
export function operationInputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): FieldProblem[] {
  const { uses, sites } = shapeOf(schema, document, operation);
  const coercion = variableProblems(schema, operation, rawVariables, uses);
  if (coercion.length) return coercion;
  if (!sites.length) return [];
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (!coerced) return []; // unreachable: the same coercion reported nothing above

  const problems: FieldProblem[] = [];
  for (const { node, field } of sites) {
    const values = getArgumentValues(field, node, coerced);
    for (const argument of field.args) valueProblems(values[argument.name], argument.type, [argument.name], problems);
  }
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.path) && seen.add(problem.path));
}
