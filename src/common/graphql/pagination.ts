import { type Type } from '@nestjs/common';
import { ArgsType, Extensions, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { BadUserInputError } from '../errors/domain-errors';
import { COST_WEIGHT, PAGE_ITEMS } from './cost-weights';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares the Relay connection type `<Name>Connection` (with `<Name>Edge`) for a node type. */
export function ConnectionType<T>(nodeType: Type<T>, name = nodeType.name.replace(/Model$/, '')): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    @Extensions({ [PAGE_ITEMS]: true })
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { complexity: COST_WEIGHT.TOTAL_COUNT })
    totalCount: number;
  }
  return ConnectionClass;
}

const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw BadUserInputError.field('after', 'after is not a cursor this API issued');
  return Number(match[1]);
}

/** Builds a connection from nodes fetched at `offset`, one more than asked to know if a next page exists. */
export function toConnection<T>(rows: T[], args: ConnectionArgs, totalCount: number): Connection<T> {
  const { offset, limit } = pageWindow(args);
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node, index) => ({ node, cursor: encodeCursor(offset + index + 1) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export function pageWindow(args: ConnectionArgs): { offset: number; limit: number } {
  return { offset: args.after ? decodeCursor(args.after) : 0, limit: args.first ?? DEFAULT_PAGE_SIZE };
}

/** Runs an ordered query builder as one page of a connection (a page query, and a count unless `count` knows it). */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  count: () => Promise<number> = () => query.clone().orderBy().getCount(),
): Promise<Connection<T>> {
  const { offset, limit } = pageWindow(args);
  const [rows, totalCount] = await Promise.all([query.clone().offset(offset).limit(limit + 1).getMany(), count()]);
  return toConnection(rows, args, totalCount);
}
