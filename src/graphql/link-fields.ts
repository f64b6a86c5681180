import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AircraftTarget, ENTITIES, type AnyEntityModel, type LinkDeclaration, type LinkTarget } from '../../entities/index.js';
import { camelCase } from '../../entities/naming.js';
import type { KeyCondition } from '../../entities/access-patterns.js';
import { ITEM, type StoredItem } from '../../db/nodes.js';
import type { PageRequest } from '../../db/reader.js';
import type { TimeWindow } from '../../db/days.js';
import { AircraftType } from './aircraft-type.js';
import { PageArgs } from './connection.js';
import type { GatewayContext } from './context.js';
import { connectionOf, typeOf, type EntityTypeClass } from './entity-types.js';
import { DateTime } from './scalars.js';
import { windowOf } from './validate.js';

/** A resolver class, as type-graphql's buildSchema takes it. */
type ResolverClass = new () => object;

type Parent = { readonly [ITEM]: StoredItem } & Record<string, unknown>;

/** One generated field: its GraphQL type and options, and how it resolves. */
interface LinkField {
  readonly name: string;
  readonly type: NonNullable<Parameters<typeof FieldResolver>[0]>;
  readonly options: { nullable?: boolean; description?: string };
  /** `first`/`after` (a connection), or `from`/`to` (a time window). */
  readonly args?: 'page' | 'window';
  readonly resolve: (parent: Parent, ctx: GatewayContext, args: LinkArgs) => unknown;
}

interface LinkArgs extends PageRequest {
  readonly from?: string | null;
  readonly to?: string | null;
}

const isEntity = (target: LinkTarget): target is AnyEntityModel => target !== AircraftTarget;

const graphqlTypeOf = (target: LinkTarget): EntityTypeClass => (isEntity(target) ? typeOf(target) : AircraftType);

/** The target's key value as stored on its item (its one key column). */
const keyOf = (target: LinkTarget, parent: Parent): string => {
  const value = parent[ITEM][target.key[0]!];
  return typeof value === 'string' ? value : '';
};

/** The field following a link: the row its column names, or null. */
function toOneField(link: LinkDeclaration): LinkField {
  const target = link.to();
  const property = camelCase(link.column);
  return {
    name: link.field,
    type: () => graphqlTypeOf(target),
    options: { nullable: true, ...(link.description ? { description: link.description } : {}) },
    resolve: (node, ctx) => {
      const value = node[property] as string | undefined;
      return isEntity(target) ? ctx.reader.byId(target, value) : ctx.reader.aircraft(value);
    },
  };
}

/** The target's field back to this entity's rows (none for a relation only the desk reads). */
function inverseField(child: AnyEntityModel, link: LinkDeclaration): LinkField | undefined {
  const inverse = link.inverse;
  if (!inverse) return undefined;
  const target = link.to();
  const description = inverse.description ? { description: inverse.description } : {};
  if (inverse.cardinality === 'one') {
    return {
      name: inverse.as,
      type: () => typeOf(child),
      options: { nullable: true, ...description },
      resolve: (parent, ctx) => ctx.reader.one(child, { [link.column]: keyOf(target, parent) }),
    };
  }
  if (inverse.graphql === 'none') return undefined;
  const pattern = (child.patterns as Record<string, (key: string, from?: string, to?: string) => KeyCondition>)[inverse.pattern]!;
  if (inverse.graphql === 'page') {
    const listName = `${target.typeName.charAt(0).toLowerCase()}${target.typeName.slice(1)}-${inverse.as}`;
    // Declared now, not in the type thunk: type-graphql must see the class before it builds the schema.
    const connection = connectionOf(child);
    return {
      name: inverse.as,
      type: () => connection,
      options: description,
      args: 'page',
      resolve: (parent, ctx, page) => {
        const key = keyOf(target, parent);
        return ctx.reader.childrenPage(parent, inverse.as, child, `${listName}:${key}`, pattern(key), page);
      },
    };
  }
  const order = inverse.orderBy ? camelCase(inverse.orderBy) : undefined;
  const sorted = <T extends object>(rows: T[]): T[] => {
    if (!order) return rows;
    const at = (row: object) => {
      const value = (row as Record<string, unknown>)[order];
      return typeof value === 'string' ? value : '';
    };
    return rows.sort((a, b) => at(a).localeCompare(at(b)));
  };
  const window = inverse.window;
  if (window) {
    const [start, end] = [camelCase(window.start), window.end ? camelCase(window.end) : undefined];
    return {
      name: inverse.as,
      type: () => [typeOf(child)],
      options: description,
      args: 'window',
      resolve: async (parent, ctx, args) => {
        // None asked: the parent's operating day.
        const asked = windowOf(args.from, args.to);
        const key = keyOf(target, parent);
        const fallback = (w: TimeWindow | undefined) =>
          pattern(key, w && window.lookbackHours ? shiftHours(w.from, -window.lookbackHours) : w?.from, w?.to);
        const { rows, window: read } = await ctx.reader.childrenOfDays(parent, inverse.as, child, asked, fallback);
        if (!read) return sorted(rows);
        // The day lists and key conditions over-read at the edges; the overlap test is exact.
        const text = (row: object, field: string | undefined) => (field ? (row as Record<string, unknown>)[field] : undefined);
        return sorted(
          rows.filter((row) => {
            // [start, end) overlaps [from, to]; a row without an end is an instant (or open-ended, when it has an end column).
            const s = text(row, start);
            const e = text(row, end);
            if (typeof s !== 'string' || s > read.to) return false;
            return end ? typeof e !== 'string' || e > read.from : s >= read.from;
          }),
        );
      },
    };
  }
  return {
    name: inverse.as,
    type: () => [typeOf(child)],
    options: description,
    resolve: async (parent, ctx) => sorted(await ctx.reader.children(parent, inverse.as, child, pattern(keyOf(target, parent)))),
  };
}

const shiftHours = (time: string, hours: number) => {
  const t = Date.parse(time);
  return Number.isFinite(t) ? new Date(t + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : time;
};

/** A resolver class for one object type, holding its generated fields. */
function resolverOf(objectType: EntityTypeClass, typeName: string, fields: readonly LinkField[]): ResolverClass {
  @Resolver(() => objectType)
  class GeneratedLinks {}
  Object.defineProperty(GeneratedLinks, 'name', { value: `${typeName}Links` });
  const prototype = GeneratedLinks.prototype as unknown as Record<string, unknown>;
  for (const field of fields) {
    if (field.args === 'window') {
      prototype[field.name] = (parent: Parent, ctx: GatewayContext, from?: string | null, to?: string | null) =>
        field.resolve(parent, ctx, { from, to });
      Arg('from', () => DateTime, { nullable: true, description: 'Window start (default: the start of the operating day).' })(
        prototype,
        field.name,
        2,
      );
      Arg('to', () => DateTime, { nullable: true, description: 'Window end (default: the end of the operating day).' })(prototype, field.name, 3);
    } else {
      prototype[field.name] = (parent: Parent, ctx: GatewayContext, page?: PageRequest) => field.resolve(parent, ctx, page ?? {});
      if (field.args === 'page') Args(() => PageArgs)(prototype, field.name, 2);
    }
    Ctx()(prototype, field.name, 1);
    Root()(prototype, field.name, 0);
    FieldResolver(field.type, field.options)(prototype, field.name, Object.getOwnPropertyDescriptor(prototype, field.name)!);
  }
  return GeneratedLinks;
}

/**
 * The link fields of every object type, generated from the entities' `links`
 * the way their column fields are generated from `columns` (entity-types.ts).
 */
function linkResolvers(): ResolverClass[] {
  const byType = new Map<EntityTypeClass, { typeName: string; fields: LinkField[] }>();
  const add = (target: LinkTarget, field: LinkField | undefined) => {
    if (!field) return;
    const type = graphqlTypeOf(target);
    const entry = byType.get(type) ?? { typeName: target.typeName, fields: [] };
    if (entry.fields.some((f) => f.name === field.name)) throw new Error(`${target.typeName}.${field.name} is generated twice`);
    entry.fields.push(field);
    byType.set(type, entry);
  };
  for (const model of ENTITIES) {
    for (const link of model.links ?? []) {
      add(model, toOneField(link));
      add(link.to(), inverseField(model, link));
    }
  }
  return [...byType].map(([type, { typeName, fields }]) => resolverOf(type, typeName, fields));
}

export const LINK_RESOLVERS = linkResolvers();
