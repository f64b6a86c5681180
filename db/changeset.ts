import {
  AircraftTarget,
  aircraftKey,
  DAILY_ATTRIBUTE,
  dayItemSortKey,
  ENTITY_ATTRIBUTE,
  GSI_NAMES,
  matchesAny,
  daysListed,
  REFS_ATTRIBUTE,
  TOMBSTONE,
  VERSION_ATTRIBUTE,
  versionOf,
  type AnyEntityModel,
  type BelongsTo,
  type Columns,
  type KeyPair,
  type LinkTarget,
  type Row,
} from '../entities/index.js';
import type { Db } from './client.js';
import type { StoredItem } from './nodes.js';
import { itemAt, readItems, type ItemWrite } from './transact.js';

const keyString = (key: KeyPair) => `${key.pk}\u0000${key.sk}`;

/** A record an action changed or created: what the audit entry and the answer are made of. */
export interface RecordChange {
  readonly model: AnyEntityModel;
  readonly key: KeyPair;
  readonly before: StoredItem | null;
  readonly after: StoredItem;
}

/**
 * The edits of a parent's lists that are not a record change: appends, and
 * removals as a cleared slot (the entry at its index becomes TOMBSTONE, so
 * that the other entries keep their indexes and concurrent removals from the
 * same list never disturb each other; readers skip it, the next seed compacts).
 */
interface ListOps {
  readonly appends: Map<string, string[]>;
  readonly clears: Array<{ relation: string; index: number; id: string }>;
}

interface Entry {
  readonly key: KeyPair;
  readonly before: StoredItem | null;
  after: StoredItem;
  /** A parent whose lists only are edited (not a record of the action): written as list edits, not as a new `_refs`. */
  ops?: ListOps;
  /** The entity of a record (parents and day items that only carry keys have none). */
  readonly model?: AnyEntityModel;
}

/** The declared columns of an item, as a row. */
export function rowOf(model: AnyEntityModel, item: StoredItem): Record<string, unknown> {
  return Object.fromEntries(Object.keys(model.columns).flatMap((c) => (item[c] === undefined ? [] : [[c, item[c]]])));
}

/**
 * The item of a row, as the seed builds it (seed/row-converter.ts buildItem):
 * the row, the index keys its entity's definition gives it (absent: not in that
 * index), `_et` and the table key. `base` keeps what else the stored item had
 * (its `_refs`, columns outside the definition).
 */
export function itemOf(model: AnyEntityModel, row: Record<string, unknown>, base: StoredItem = {}): StoredItem {
  const item: StoredItem = { ...base };
  for (const column of Object.keys(model.columns)) delete item[column];
  for (const gsi of GSI_NAMES) {
    if (model.layouts[gsi]) {
      delete item[`${gsi}pk`];
      delete item[`${gsi}sk`];
    }
  }
  Object.assign(item, Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== null && v !== '')));
  for (const [gsi, indexKey] of Object.entries(model.indexKeys(row as Row<Columns>))) {
    item[`${gsi}pk`] = indexKey.pk;
    item[`${gsi}sk`] = indexKey.sk;
  }
  const key = model.primaryKey(row as Record<string, string>);
  item[ENTITY_ATTRIBUTE] = model.name;
  item.pk = key.pk;
  item.sk = key.sk;
  return item;
}

/** The key of a link target's item (an entity's, or the derived Aircraft item). */
export function parentKey(parent: LinkTarget, id: string): KeyPair {
  return parent === AircraftTarget ? aircraftKey(id) : (parent as AnyEntityModel).primaryKey({ [parent.key[0]!]: id });
}

/** Where a child row is listed under one of its relations: the parent and (daily relations) the days. */
function listing(relation: BelongsTo, row: Record<string, unknown>): { parentId: string; days: string[] } | undefined {
  const parentId = row[relation.column];
  if (typeof parentId !== 'string' || parentId === '') return undefined;
  if (relation.only && !matchesAny(row, relation.only)) return undefined;
  return { parentId, days: relation.daily ? daysListed(row[relation.daily.start], relation.daily.end ? row[relation.daily.end] : undefined) : [] };
}

interface RefEdit {
  readonly key: KeyPair;
  readonly relation: string;
  readonly childId: string;
  readonly add: boolean;
  /** For a daily relation: the day this edit is of (the parent's own list holds its `_daily` day; day items hold the others). */
  readonly day?: string;
  /** The day item to create when missing (a day item of a parent that has its relation materialised). */
  readonly dayItemOf?: { parent: LinkTarget; parentId: string };
}

/**
 * The items one action writes, built from the records it changes: each record's
 * new item (index keys recomputed from its entity's definition), and the
 * materialised keys of its parents (`_refs`, per day too) that follow from the
 * columns its relations are built from, exactly as the seed would have built
 * them from the changed rows (seed/refs.ts).
 */
export class ChangeSet {
  private readonly entries = new Map<string, Entry>();
  private readonly order: string[] = [];
  private readonly edits: RefEdit[] = [];
  /** Items the action read already (consistently): parents among them are not read again. */
  private readonly known = new Map<string, StoredItem>();

  /** Items the action has read: resolveRefs takes a parent from here rather than reading it again. */
  knows(...items: ReadonlyArray<StoredItem | null | undefined>): this {
    for (const item of items) if (item) this.known.set(keyString({ pk: String(item.pk), sk: String(item.sk) }), item);
    return this;
  }

  /** Changes the columns of a record (undefined removes one); its version goes up by one. */
  update(model: AnyEntityModel, before: StoredItem, changes: Record<string, unknown>): StoredItem {
    const key = { pk: String(before.pk), sk: String(before.sk) };
    const current = this.entries.get(keyString(key))?.after ?? before;
    const beforeRow = rowOf(model, current);
    const row = { ...beforeRow, ...changes };
    const after = itemOf(model, row, current);
    if (after.pk !== key.pk || after.sk !== key.sk) throw new Error(`${model.name}: an action may not change a record's key`);
    after[VERSION_ATTRIBUTE] = versionOf(before) + 1;
    this.put({ key, before, after, model });
    this.followRelations(model, beforeRow, row);
    return after;
  }

  /** Creates a record (version 1: it was made through the API). */
  create(model: AnyEntityModel, row: Record<string, unknown>): StoredItem {
    const after = itemOf(model, row);
    after[VERSION_ATTRIBUTE] = 1;
    const key = { pk: String(after.pk), sk: String(after.sk) };
    this.put({ key, before: null, after, model });
    this.followRelations(model, undefined, row);
    return after;
  }

  private put(entry: Entry): void {
    const id = keyString(entry.key);
    const existing = this.entries.get(id);
    if (existing) existing.after = entry.after;
    else {
      this.entries.set(id, entry);
      this.order.push(id);
    }
  }

  /** The parents' `_refs` edits a record change implies (removed from where it was listed, added where it now is). */
  private followRelations(model: AnyEntityModel, before: Record<string, unknown> | undefined, after: Record<string, unknown>): void {
    const childId = model.keyId(after as Record<string, string>);
    for (const relation of model.belongsTo) {
      const was = before ? listing(relation, before) : undefined;
      const is = listing(relation, after);
      const at = (l: { parentId: string; days: string[] } | undefined) =>
        l ? (relation.daily ? l.days.map((d) => `${l.parentId}@${d}`) : [l.parentId]) : [];
      const old = new Set(at(was));
      const now = new Set(at(is));
      for (const place of old) if (!now.has(place)) this.edit(relation, place, childId, false);
      for (const place of now) if (!old.has(place)) this.edit(relation, place, childId, true);
    }
  }

  private edit(relation: BelongsTo, place: string, childId: string, add: boolean): void {
    const [parentId, day] = relation.daily ? [place.slice(0, place.lastIndexOf('@')), place.slice(place.lastIndexOf('@') + 1)] : [place, undefined];
    const key = parentKey(relation.parent, parentId);
    this.edits.push({ key, relation: relation.as, childId, add, ...(day ? { day, dayItemOf: { parent: relation.parent, parentId } } : {}) });
  }

  /** Reads the parents and day items the records' relations touch, and applies the `_refs` edits to them. */
  async resolveRefs(db: Db): Promise<void> {
    if (this.edits.length === 0) return;
    const parentKeys = this.edits.map((e) => e.key);
    const dayKeys = this.edits.filter((e) => e.day).map((e) => ({ pk: e.key.pk, sk: dayItemSortKey(e.day!) }));
    const missing = [...parentKeys, ...dayKeys].filter((k) => !this.entries.has(keyString(k)) && !this.known.has(keyString(k)));
    const read = await readItems(db, missing);
    const current = (key: KeyPair): StoredItem | null =>
      this.entries.get(keyString(key))?.after ?? this.known.get(keyString(key)) ?? itemAt(read, key);
    for (const edit of this.edits) {
      const parent = current(edit.key);
      if (!parent) continue;
      if (!edit.day) {
        this.editList(edit.key, parent, edit.relation, edit.childId, edit.add);
        continue;
      }
      // A daily relation: the parent's own list is the day in its `_daily`; every day is also on its day item.
      const daily = parent[DAILY_ATTRIBUTE] as Record<string, string> | undefined;
      if (!daily?.[edit.relation]) continue; // nothing materialised for this parent: the reader falls back to a Query
      if (daily[edit.relation] === edit.day) this.editList(edit.key, parent, edit.relation, edit.childId, edit.add);
      const dayKey = { pk: edit.key.pk, sk: dayItemSortKey(edit.day) };
      const stored = current(dayKey);
      if (stored) this.editList(dayKey, stored, edit.relation, edit.childId, edit.add, true);
      else if (edit.add) {
        const fresh = { ...dayKey, [ENTITY_ATTRIBUTE]: `${edit.dayItemOf!.parent.name}Day`, day: edit.day, [REFS_ATTRIBUTE]: {} };
        this.editList(dayKey, fresh, edit.relation, edit.childId, edit.add, true, true);
      }
    }
  }

  private editList(key: KeyPair, item: StoredItem, relation: string, childId: string, add: boolean, createList = false, isNew = false): void {
    const refs = item[REFS_ATTRIBUTE] as Record<string, string[]> | undefined;
    const list = refs?.[relation];
    // A parent without the list was loaded without that child file: readers Query for it, and it stays without.
    if (!list && !createList) return;
    const existing = list ?? [];
    const id = keyString(key);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { key, before: isNew ? null : item, after: item, ...(isNew || !list ? {} : { ops: { appends: new Map(), clears: [] } }) };
      this.entries.set(id, entry);
      this.order.push(id);
    }
    const ops = entry.ops;
    let next: string[];
    if (add) {
      next = existing.includes(childId) ? existing : [...existing, childId];
      if (ops && next !== existing) ops.appends.set(relation, [...(ops.appends.get(relation) ?? []), childId]);
    } else if (ops) {
      const appended = ops.appends.get(relation) ?? [];
      if (appended.includes(childId))
        ops.appends.set(
          relation,
          appended.filter((c) => c !== childId),
        );
      const stored = ((entry.before?.[REFS_ATTRIBUTE] as Record<string, string[]> | undefined)?.[relation] ?? []).indexOf(childId);
      if (stored >= 0 && !ops.clears.some((c) => c.relation === relation && c.index === stored))
        ops.clears.push({ relation, index: stored, id: childId });
      next = existing.map((c) => (c === childId ? TOMBSTONE : c));
    } else {
      next = existing.filter((c) => c !== childId);
    }
    entry.after = { ...item, [REFS_ATTRIBUTE]: { ...(refs ?? {}), [relation]: next } };
  }

  /** The records changed or created (not the parents whose keys moved). */
  records(): RecordChange[] {
    return this.order.flatMap((id) => {
      const e = this.entries.get(id)!;
      return e.model ? [{ model: e.model, key: e.key, before: e.before, after: e.after }] : [];
    });
  }

  /** Every item to write, records first. */
  writes(): ItemWrite[] {
    return this.order.map((id): ItemWrite => {
      const e = this.entries.get(id)!;
      const ops = e.model ? undefined : e.ops;
      const overlapping = ops && ops.clears.some((c) => (ops.appends.get(c.relation) ?? []).length > 0);
      if (ops && e.before && !overlapping) {
        const appends = Object.fromEntries([...ops.appends].filter(([, ids]) => ids.length > 0));
        return { type: 'lists', key: e.key, before: e.before, appends, clears: ops.clears };
      }
      return { type: 'change', key: e.key, before: e.before, after: e.after };
    });
  }
}
