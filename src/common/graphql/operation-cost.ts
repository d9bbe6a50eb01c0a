import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import type { FieldProblem } from '../errors/domain-errors';
import { PAGE_ITEMS } from './cost-weights';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/** What a selection costs: `flat` once, `perItem` once per item of the page of the connection around it. */
interface Cost {
  flat: number;
  perItem: number;
}

const NOTHING: Cost = { flat: 0, perItem: 0 };
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

export interface OperationAnalysis {
  /** Page sizes (`first`, `last`) outside 1–MAX_PAGE_SIZE, by their path in the operation. */
  pageSizeProblems: FieldProblem[];
  cost: number;
}

/**
 * The cost of an operation and its page sizes, in one walk linear in the document (a fragment is
 * costed once, whatever the number of its spreads). graphql-armor's cost limit is not used: it
 * multiplies by `first` only when written literally, and knows no field weights.
 *
 * - A field costs its weight (the `complexity` its resolver declares, see COST_WEIGHT; else 1) plus
 *   the fields under it; `__schema` and `__type` (introspection, off in production) cost nothing.
 * - What is under a connection's `edges` counts once per item of the page; the page size is the
 *   `first` of the nearest field above that takes one (the connection, or the report holding it),
 *   else DEFAULT_PAGE_SIZE. `pageInfo` and `totalCount` count once per connection.
 * - Fields skipped by `@skip`/`@include` cost nothing.
 * A page size outside 1–MAX_PAGE_SIZE is a problem to refuse, never a multiplier: the cost of such
 * an operation means nothing, and the caller must refuse it before looking at the cost.
 */
export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): OperationAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, Cost>();
  const pageSizeProblems: FieldProblem[] = [];

  const included = (selection: SelectionNode): boolean =>
    getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;

  const pageSize = (args: Record<string, unknown>, path: string): number => {
    let size: number | undefined;
    for (const name of PAGE_SIZE_ARGUMENTS) {
      const value = args[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
        pageSizeProblems.push({ path: `${path}.${name}`, message: `${name} must be between 1 and ${MAX_PAGE_SIZE}` });
      } else {
        size = Math.max(size ?? 0, value);
      }
    }
    return size ?? DEFAULT_PAGE_SIZE;
  };

  const resolved = (cost: Cost, size: number): number => cost.flat + size * cost.perItem;

  const fieldCost = (parentType: GraphQLCompositeType, node: FieldNode, prefix: string): Cost => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return NOTHING;
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
    if (!field) return { flat: 1, perItem: 0 }; // __typename
    const path = `${prefix}${node.alias?.value ?? name}`;
    const weight = typeof field.extensions.complexity === 'number' ? field.extensions.complexity : 1;
    const type = getNamedType(field.type);
    const below = node.selectionSet && isCompositeType(type) ? selectionSetCost(type, node.selectionSet, `${path}.`) : NOTHING;
    if (field.extensions[PAGE_ITEMS] === true) return { flat: 0, perItem: weight + resolved(below, DEFAULT_PAGE_SIZE) };
    if (field.args.some((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name))) {
      const size = pageSize(getArgumentValues(field, node, variables), path);
      return { flat: weight + resolved(below, size), perItem: 0 };
    }
    return { flat: weight + below.flat, perItem: below.perItem };
  };

  const fragmentCost = (name: string): Cost => {
    const known = fragmentCosts.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return NOTHING;
    fragmentCosts.set(name, NOTHING); // a cycle (refused by validation) costs nothing
    const cost = selectionSetCost(type, fragment.selectionSet, `...${name}.`);
    fragmentCosts.set(name, cost);
    return cost;
  };

  function selectionSetCost(type: GraphQLCompositeType, selectionSet: SelectionSetNode, prefix: string): Cost {
    let flat = 0;
    let perItem = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      let cost: Cost;
      if (selection.kind === Kind.FIELD) {
        cost = fieldCost(type, selection, prefix);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        cost = selectionSetCost(isCompositeType(condition) ? condition : type, selection.selectionSet, prefix);
      } else {
        cost = fragmentCost(selection.name.value);
      }
      flat += cost.flat;
      perItem += cost.perItem;
    }
    return { flat, perItem };
  }

  const rootType = schema.getRootType(operation.operation);
  const cost = rootType ? resolved(selectionSetCost(rootType, operation.selectionSet, ''), DEFAULT_PAGE_SIZE) : 0;
  return { pageSizeProblems, cost };
}
