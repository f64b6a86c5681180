import { badInput } from './gateway-error.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page ends and whether another follows (the GraphQL PageInfo is this shape). */
export interface PageEnd {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A page of a list: its nodes, and where it ends. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: PageEnd;
}

/** Validated page size: BAD_USER_INPUT outside 1..100. */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return first;
}
