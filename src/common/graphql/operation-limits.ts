import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Environment } from '../../config/environment';
import { ErrorCode } from '../errors/domain-errors';

/**
 * The limits every operation is held to before anything resolves, each named in a refusal's
 * `extensions.operationLimit`. Each is counted over the document with fragments expanded (a
 * fragment spread twice counts twice), in time linear in the document: a fragment is counted once
 * and its count reused at every spread.
 */
export enum OperationLimit {
  TOKENS = 'tokens',
  DEPTH = 'depth',
  ALIASES = 'aliases',
  DIRECTIVES = 'directives',
  ROOT_FIELDS = 'rootFields',
  COST = 'cost',
}

export type OperationLimits = Record<OperationLimit, number>;

export function operationLimitsOf(env: Environment): OperationLimits {
  return {
    [OperationLimit.TOKENS]: env.GRAPHQL_MAX_TOKENS,
    [OperationLimit.DEPTH]: env.GRAPHQL_MAX_DEPTH,
    [OperationLimit.ALIASES]: env.GRAPHQL_MAX_ALIASES,
    [OperationLimit.DIRECTIVES]: env.GRAPHQL_MAX_DIRECTIVES,
    [OperationLimit.ROOT_FIELDS]: env.GRAPHQL_MAX_ROOT_FIELDS,
    [OperationLimit.COST]: env.GRAPHQL_MAX_COST,
  };
}

const WHAT: Record<OperationLimit, string> = {
  [OperationLimit.TOKENS]: 'tokens',
  [OperationLimit.DEPTH]: 'levels of nested fields',
  [OperationLimit.ALIASES]: 'aliases',
  [OperationLimit.DIRECTIVES]: 'directives',
  [OperationLimit.ROOT_FIELDS]: 'root fields',
  [OperationLimit.COST]: 'cost',
};

export function operationLimitMessage(limit: OperationLimit, max: number): string {
  return `The operation has more ${WHAT[limit]} than the limit of ${max}`;
}

/** A refusal by one limit: BAD_USER_INPUT, HTTP 400, naming the limit and its value. */
export function operationLimitError(limit: OperationLimit, max: number, message = operationLimitMessage(limit, max)): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, operationLimit: limit, limit: max, http: { status: 400 } },
  });
}

/**
 * graphql-js refuses a document over `maxLexicalTokens` while parsing (a GRAPHQL_PARSE_FAILED
 * error); this recognises that refusal so that it is reported like every other limit.
 */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th[ae]t? (\d+) tokens\. Parsing aborted\.$/;

export function tokenLimitRefusal(message: string): { message: string; extensions: Record<string, unknown> } | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  if (!match) return undefined;
  const max = Number(match[1]);
  return {
    message: operationLimitMessage(OperationLimit.TOKENS, max),
    extensions: { code: ErrorCode.BAD_USER_INPUT, operationLimit: OperationLimit.TOKENS, limit: max },
  };
}

/** Root fields of an operation (each resolves on its own), fragments expanded, each fragment counted once. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const perFragment = new Map<string, number>();
    const countFragment = (fragment: FragmentDefinitionNode | undefined | null): number => {
      if (!fragment) return 0;
      const name = fragment.name.value;
      if (!perFragment.has(name)) {
        perFragment.set(name, 0); // a cycle (refused by NoFragmentCyclesRule) counts nothing
        perFragment.set(name, count(fragment.selectionSet));
      }
      return perFragment.get(name)!;
    };
    const count = (selectionSet: SelectionSetNode): number =>
      selectionSet.selections.reduce((sum, selection) => {
        if (selection.kind === Kind.FIELD) return sum + 1;
        if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet);
        return sum + countFragment(context.getFragment(selection.name.value));
      }, 0);
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        if (count(operation.selectionSet) > max) context.reportError(operationLimitError(OperationLimit.ROOT_FIELDS, max));
      },
    };
  };
}

/**
 * The validation rules for depth, aliases and directives (graphql-armor) and root fields (ours).
 * They run with graphql-js's own rules, on the parsed document, before execution; a refusal is a
 * validation error (HTTP 400). Not used from graphql-armor:
 * - its cost limit: it reads `first` only when written literally (a variable or a default page counts 1)
 *   and knows no field weights; operation-cost.ts computes the cost instead;
 * - its token limit: under Apollo Server it throws while parsing starts, which Apollo answers with
 *   HTTP 500 (for a plain syntax error too); graphql-js's parser counts tokens itself (`parseOptions`);
 * - its field-suggestion blocking: it misses "Did you mean the enum value …"; the error formatter
 *   removes every suggestion where introspection is off.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const refusal = (limit: OperationLimit) => ({
    n: limits[limit],
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(operationLimitError(limit, limits[limit]))],
  });
  const armor = new ApolloArmor({
    maxDepth: { ...refusal(OperationLimit.DEPTH), flattenFragments: true },
    maxAliases: refusal(OperationLimit.ALIASES),
    maxDirectives: refusal(OperationLimit.DIRECTIVES),
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return [...armor.protect().validationRules, maxRootFieldsRule(limits[OperationLimit.ROOT_FIELDS])];
}
