import { Field, Int, ObjectType, ArgsType } from 'type-graphql';
import type { EntityTypeClass } from './entity-types.js';
import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page ends and whether another follows.' })
export class PageInfo {
  @Field({ description: 'True when another page follows: pass endCursor as `after` to read it.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last node of this page.' })
  endCursor!: string | null;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection { nodes: [Node!]!, pageInfo: PageInfo! }` for a node type. */
export function connectionType(nodeType: EntityTypeClass | (new () => object), name: string) {
  @ObjectType(name, { description: `A page of ${name.replace(/Connection$/, '')} nodes.` })
  class ConnectionType {
    @Field(() => [nodeType])
    nodes!: object[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;
}

/** Validated page size: BAD_USER_INPUT outside 1..100. */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return first;
}
