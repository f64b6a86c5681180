import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AircraftTarget, ENTITIES, type AnyEntityModel, type LinkDeclaration, type LinkTarget } from '../../entities/index.js';
import { camelCase } from '../../entities/naming.js';
import type { KeyCondition } from '../../entities/access-patterns.js';
import { ITEM, type StoredItem } from '../../db/nodes.js';
import type { PageRequest } from '../../db/reader.js';
import { AircraftType } from './aircraft-type.js';
import { PageArgs } from './connection.js';
import type { GatewayContext } from './context.js';
import { connectionOf, typeOf, type EntityTypeClass } from './entity-types.js';

/** A resolver class, as type-graphql's buildSchema takes it. */
type ResolverClass = new () => object;

type Parent = { readonly [ITEM]: StoredItem } & Record<string, unknown>;

/** One generated field: its GraphQL type and options, and how it resolves. */
interface LinkField {
  readonly name: string;
  readonly type: NonNullable<Parameters<typeof FieldResolver>[0]>;
  readonly options: { nullable?: boolean; description?: string };
  readonly paged?: boolean;
  readonly resolve: (parent: Parent, ctx: GatewayContext, page: PageRequest) => unknown;
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
  const pattern = (child.patterns as Record<string, (key: string) => KeyCondition>)[inverse.pattern]!;
  if (inverse.graphql === 'page') {
    const listName = `${target.typeName.charAt(0).toLowerCase()}${target.typeName.slice(1)}-${inverse.as}`;
    // Declared now, not in the type thunk: type-graphql must see the class before it builds the schema.
    const connection = connectionOf(child);
    return {
      name: inverse.as,
      type: () => connection,
      options: description,
      paged: true,
      resolve: (parent, ctx, page) => {
        const key = keyOf(target, parent);
        return ctx.reader.childrenPage(parent, inverse.as, child, `${listName}:${key}`, pattern(key), page);
      },
    };
  }
  const order = inverse.orderBy ? camelCase(inverse.orderBy) : undefined;
  return {
    name: inverse.as,
    type: () => [typeOf(child)],
    options: description,
    resolve: async (parent, ctx) => {
      const rows = await ctx.reader.children(parent, inverse.as, child, pattern(keyOf(target, parent)));
      if (!order) return rows;
      const at = (row: object) => {
        const value = (row as Record<string, unknown>)[order];
        return typeof value === 'string' ? value : '';
      };
      return rows.sort((a, b) => at(a).localeCompare(at(b)));
    },
  };
}

/** A resolver class for one object type, holding its generated fields. */
function resolverOf(objectType: EntityTypeClass, typeName: string, fields: readonly LinkField[]): ResolverClass {
  @Resolver(() => objectType)
  class GeneratedLinks {}
  Object.defineProperty(GeneratedLinks, 'name', { value: `${typeName}Links` });
  const prototype = GeneratedLinks.prototype as unknown as Record<string, unknown>;
  for (const field of fields) {
    prototype[field.name] = (parent: Parent, ctx: GatewayContext, page: PageRequest) => field.resolve(parent, ctx, page ?? {});
    if (field.paged) Args(() => PageArgs)(prototype, field.name, 2);
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
