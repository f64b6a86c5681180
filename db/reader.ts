import {
  Aircraft,
  aircraftKey,
  DAILY_ATTRIBUTE,
  dayItemSortKey,
  ENTITIES,
  REFS_ATTRIBUTE,
  TABLE_STATS_KEY,
  TOMBSTONE,
  type AnyEntityModel,
} from '../entities/index.js';
import type { KeyCondition } from '../entities/access-patterns.js';
import type { Loaders, StoredItem } from './loaders/index.js';
import type { Db } from './client.js';
import { pageSize, type Connection } from './page.js';
import { dayWindow, daysOf, type TimeWindow } from './days.js';
import { badInput } from './gateway-error.js';
import type { CursorCodec } from './cursor.js';
import { ITEM, refsOf, toNode, type NodeOf } from './nodes.js';
import { forecastCandidates, nearest, nearestByQuery } from './nearest-forecast.js';
import { readPage, type ListPosition, type ListSource } from './paginate.js';
import { queryPage } from './query.js';

export interface PageRequest {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
}

/** What the data says about one registration (the derived Aircraft item). */
export interface AircraftNode {
  readonly registration: string;
  readonly aircraftType: string | undefined;
  readonly [ITEM]: StoredItem;
}

/**
 * The read side of the gateway for one GraphQL request: resolvers ask it for
 * nodes, and it turns those asks into loader calls (BatchGetItem for keys,
 * deduplicated Queries for collections without materialised keys).
 */
export class Reader {
  constructor(
    readonly db: Db,
    readonly loaders: Loaders,
    readonly cursors: CursorCodec,
  ) {}

  /** One item by its key columns, or null. */
  async one<M extends AnyEntityModel>(model: M, key: Record<string, string>): Promise<NodeOf<M> | null> {
    await this.charge(1);
    const item = await this.loaders.items.load(model.primaryKey(key));
    this.check();
    return item ? toNode(model, item) : null;
  }

  /** One item by its single key column value, or null (an absent id is null, not an error). */
  async byId<M extends AnyEntityModel>(model: M, id: string | undefined | null): Promise<NodeOf<M> | null> {
    if (id === undefined || id === null || id === '') return null;
    return this.one(model, model.keyFromId(id));
  }

  /** Items by key ids, in order; ids without an item are left out. */
  async many<M extends AnyEntityModel>(model: M, ids: readonly string[]): Promise<Array<NodeOf<M>>> {
    // Charged before the keys are even looked up: a cached list is as much work as a read one.
    await this.charge(ids.length);
    const loaded = await this.loaders.items.loadMany(ids.map((id) => model.primaryKey(model.keyFromId(id))));
    this.check();
    const nodes: Array<NodeOf<M>> = [];
    for (const item of loaded) {
      if (item instanceof Error) throw item;
      if (item) nodes.push(toNode(model, item));
    }
    return nodes;
  }

  /**
   * Children of a parent: by the keys the seed materialised on the parent (one
   * BatchGetItem for all parents of a request), or by a Query when the parent
   * carries no keys for this relation.
   */
  async children<M extends AnyEntityModel>(
    parent: { [ITEM]: StoredItem },
    relation: string,
    model: M,
    fallback: KeyCondition,
  ): Promise<Array<NodeOf<M>>> {
    const ids = refsOf(parent, relation);
    if (ids) return this.many(model, ids);
    const items = await this.loaders.queries.load(fallback);
    await this.charge(items.length);
    return items.map((item) => toNode(model, item));
  }

  /** A page of a list served by key conditions (see paginate.ts), with a cursor bound to `listName`. */
  async list<M extends AnyEntityModel>(model: M, listName: string, source: ListSource, page: PageRequest): Promise<Connection<NodeOf<M>>> {
    const first = pageSize(page.first);
    const after = page.after !== undefined && page.after !== null ? this.validPosition(listName, page.after, source) : undefined;
    const result = await readPage(this.db, source, first, after);
    await this.charge(result.items.length);
    return {
      nodes: result.items.map((item) => toNode(model, item)),
      pageInfo: { hasNextPage: result.hasNextPage, endCursor: result.next ? this.cursors.encode(listName, result.next) : null },
    };
  }

  /** A page of a parent's children, paged over its materialised keys (offset cursor), or over a Query. */
  async childrenPage<M extends AnyEntityModel>(
    parent: { [ITEM]: StoredItem },
    relation: string,
    model: M,
    listName: string,
    fallback: KeyCondition,
    page: PageRequest,
  ): Promise<Connection<NodeOf<M>>> {
    const ids = refsOf(parent, relation);
    if (!ids) return this.list(model, listName, { conditions: [fallback] }, page);
    const first = pageSize(page.first);
    let offset = 0;
    if (page.after !== undefined && page.after !== null) {
      const position = this.cursors.decode<{ offset?: unknown }>(listName, page.after);
      if (!Number.isInteger(position?.offset) || (position.offset as number) < 0) throw this.cursorError();
      offset = position.offset as number;
    }
    const slice = ids.slice(offset, offset + first);
    const end = offset + slice.length;
    return {
      nodes: await this.many(model, slice),
      pageInfo: { hasNextPage: end < ids.length, endCursor: end < ids.length ? this.cursors.encode(listName, { offset: end }) : null },
    };
  }

  async aircraft(registration: string | undefined | null): Promise<AircraftNode | null> {
    if (!registration) return null;
    await this.charge(1);
    const item = await this.loaders.items.load(aircraftKey(registration));
    this.check();
    if (!item) return null;
    return { registration, aircraftType: item.aircraft_type as string | undefined, [ITEM]: item };
  }

  async forecastNear<M extends AnyEntityModel>(weather: M, airport: string | undefined, time: string | undefined): Promise<NodeOf<M> | null> {
    if (!airport || !time) return null;
    const code = airport.toUpperCase();
    await this.charge(1);
    const loaded = await this.loaders.items.loadMany(forecastCandidates(code, time));
    this.check();
    const hits: StoredItem[] = [];
    for (const item of loaded) {
      if (item instanceof Error) throw item;
      if (item) hits.push(item);
    }
    const item = hits.length > 0 ? nearest(hits, time) : await nearestByQuery(this.db, code, time);
    return item ? toNode(weather, item) : null;
  }

  /**
   * Children of a daily relation (BelongsTo.daily) in a window, and the window
   * they are of. Without a window: the parent's own `_refs` entry, the keys of
   * its operating day (no read beyond the children by key). With one: the
   * parent's day items, one BatchGetItem level for every parent of the request.
   * By `fallback` (a Query) when nothing was materialised for the parent.
   */
  async childrenOfDays<M extends AnyEntityModel>(
    parent: { [ITEM]: StoredItem },
    relation: string,
    model: M,
    window: TimeWindow | undefined,
    fallback: (window: TimeWindow | undefined) => KeyCondition,
  ): Promise<{ rows: Array<NodeOf<M>>; window: TimeWindow | undefined }> {
    const item = parent[ITEM];
    const day = (item[DAILY_ATTRIBUTE] as Record<string, string> | undefined)?.[relation];
    if (!day || typeof item.pk !== 'string') return { rows: await this.query(model, fallback(window)), window };
    if (!window) return { rows: await this.many(model, refsOf(parent, relation) ?? []), window: dayWindow(day) };
    const days = daysOf(window.from, window.to);
    await this.charge(days.length);
    const dayItems = await this.loaders.items.loadMany(
      days.map((d) => (d === day ? null : { pk: item.pk as string, sk: dayItemSortKey(d) })).filter((k) => k !== null),
    );
    this.check();
    const ids = new Set<string>(days.includes(day) ? (refsOf(parent, relation) ?? []) : []);
    for (const dayItem of dayItems) {
      if (dayItem instanceof Error) throw dayItem;
      for (const id of (dayItem?.[REFS_ATTRIBUTE] as Record<string, string[]> | undefined)?.[relation] ?? []) if (id !== TOMBSTONE) ids.add(id);
    }
    return { rows: await this.many(model, [...ids]), window };
  }

  /** The last `limit` items of a key condition, in descending sort-key order (one Query). */
  async latest<M extends AnyEntityModel>(model: M, condition: KeyCondition, limit: number): Promise<Array<NodeOf<M>>> {
    await this.charge(limit);
    const page = await queryPage(this.db, condition, { limit, ascending: false });
    this.check();
    return page.items.map((item) => toNode(model, item));
  }

  /** Every item of a key condition, as nodes (one Query per page; the request's cache answers a repeat). */
  async query<M extends AnyEntityModel>(model: M, condition: KeyCondition): Promise<Array<NodeOf<M>>> {
    const items = await this.loaders.queries.load(condition);
    await this.charge(items.length);
    return items.map((item) => toNode(model, item));
  }

  /** Items per entity, from the counts the seed stores (one GetItem). */
  async tableStats(): Promise<Array<{ entity: string; count: number }>> {
    const item = await this.loaders.items.load(TABLE_STATS_KEY);
    const counts = (item?.counts ?? {}) as Record<string, number>;
    return ENTITIES.map((m) => ({ entity: m.name, count: counts[m.name] ?? 0 }));
  }

  /**
   * Charges the objects a load is about to become to the request's resolver
   * budget (db/budget.ts), and throws once the request is over its budget
   * or deadline, or has ended: answers from the request's cache cost no
   * DynamoDB call, but turning hundreds of them into nodes for every parent of
   * a fanned-out query is what fills memory, and it stops here, before they
   * are built. A request that has done its share of work in this turn of the
   * event loop first waits for the next one (RequestBudgetState.pace), so
   * that no request holds the process (health checks, other requests) for long.
   */
  private charge(objects: number): Promise<void> | void {
    const budget = this.db.usage?.budget;
    if (!budget) return;
    const turn = budget.pace();
    if (turn) return turn.then(() => this.charge(objects));
    budget.chargeResolverWork(objects);
  }

  /** Throws once the request is over its budget or deadline, or has ended (after a load, before its items become nodes). */
  private check(): void {
    this.db.usage?.budget.assertOpen();
  }

  private validPosition(listName: string, cursor: string, source: ListSource): ListPosition {
    const position = this.cursors.decode<ListPosition>(listName, cursor);
    const valid =
      position !== null &&
      typeof position === 'object' &&
      Number.isInteger(position.condition) &&
      position.condition >= 0 &&
      position.condition < source.conditions.length &&
      (position.lastKey === undefined ||
        (typeof position.lastKey === 'object' && Object.values(position.lastKey).every((v) => typeof v === 'string')));
    if (!valid) throw this.cursorError();
    return position;
  }

  private cursorError() {
    return badInput('`after` is not a cursor this server issued for this list (invalid position)', 'after');
  }
}

export { Aircraft };
