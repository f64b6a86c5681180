import { Field, Int, ObjectType, ArgsType } from 'type-graphql';
import type { EntityTypeClass } from './entity-types.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageEnd } from '../../db/page.js';

@ObjectType({ description: 'Where a page ends and whether another follows.' })
export class PageInfo implements PageEnd {
  @Field({ description: 'True when another page follows: pass endCursor as `after` to read it.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last node of this page.' })
  endCursor!: string | null;
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
