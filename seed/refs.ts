import { daysListed, ENTITIES, matchesAny, type AnyEntityModel, type LinkTarget } from '../entities/index.js';

/** Relation name -> child key ids, as stored in a parent's `_refs`. */
export type Refs = Record<string, string[]>;

/**
 * What a parent item carries: its `_refs`, and for each daily relation the day
 * its `_refs` entry holds (`_daily`: the latest day of the parent's rows in that
 * relation, its operating day); the other days are on its day items.
 */
export interface ParentRefs {
  readonly refs: Refs | undefined;
  readonly daily: Record<string, string> | undefined;
}

/**
 * Collects, while children are loaded, the keys each parent must carry
 * (`belongsTo` declarations), so that parents written later hold the complete
 * list. A relation whose child file was not part of this load is left out of
 * `_refs` altogether, and readers fall back to a Query for it. A daily relation
 * (rows that follow history) is collected per parent and day, for its day items.
 */
export class RefCollector {
  private readonly loaded = new Map<LinkTarget, Set<string>>();
  private readonly loadedDaily = new Map<LinkTarget, Set<string>>();
  private readonly refs = new Map<LinkTarget, Map<string, Refs>>();
  /** parent -> parent id -> day -> refs of that day. */
  private readonly days = new Map<LinkTarget, Map<string, Map<string, Refs>>>();
  /** parent -> parent id -> daily relation -> the latest day of its rows (what the parent's own `_refs` holds). */
  private readonly latestDay = new Map<LinkTarget, Map<string, Map<string, string>>>();
  /** Key values each link target was named by (a derived Aircraft item exists for each registration named). */
  private readonly named = new Map<LinkTarget, Set<string>>();
  /** Aircraft type per registration, for the derived Aircraft items. */
  readonly aircraftTypes = new Map<string, string>();
  /** The columns other entities copy from each target (LinkDeclaration.copies), and their values by target key. */
  private readonly copied = copiedColumns();
  private readonly copyValues = new Map<LinkTarget, Map<string, Record<string, unknown>>>();

  /** Declares that `child`'s file is being loaded: its parents get these relations, even when empty. */
  startChild(child: AnyEntityModel): void {
    for (const { parent, as, daily } of child.belongsTo) {
      const loaded = daily ? this.loadedDaily : this.loaded;
      loaded.set(parent, (loaded.get(parent) ?? new Set()).add(as));
    }
  }

  /** Records an accepted child row under each of its parents. */
  addChild(child: AnyEntityModel, row: Record<string, unknown>): void {
    const childId = detached(child.keyId(row as Record<string, string>));
    const copiedHere = this.copied.get(child);
    if (copiedHere) {
      const byKey = this.copyValues.get(child) ?? new Map<string, Record<string, unknown>>();
      this.copyValues.set(child, byKey);
      byKey.set(childId, Object.fromEntries([...copiedHere].map((column) => [column, keepable(row[column])])));
    }
    for (const { parent, column, as, only, daily } of child.belongsTo) {
      // A parent has one key column, so its id is the value the child's column holds.
      const parentId = row[column];
      if (typeof parentId !== 'string' || parentId === '') continue;
      if (only && !matchesAny(row, only)) continue;
      if (daily) {
        const start = row[daily.start];
        const latest = this.entry(this.latestDay, parent, parentId, () => new Map<string, string>());
        if (typeof start === 'string' && start.slice(0, 10) > (latest.get(as) ?? '')) latest.set(as, start.slice(0, 10));
        for (const day of daysListed(start, daily.end ? row[daily.end] : undefined)) {
          const entry = this.entry(this.days, parent, parentId, () => new Map<string, Refs>());
          const refs = entry.get(day) ?? {};
          entry.set(day, refs);
          (refs[as] ??= []).push(childId);
        }
        continue;
      }
      const entry = this.entry(this.refs, parent, parentId, (): Refs => ({}));
      (entry[as] ??= []).push(childId);
    }
    // Targets of to-many links (an aircraft's flights, windows, work orders).
    for (const link of child.links ?? []) {
      if (link.inverse?.cardinality !== 'many') continue;
      const value = row[link.column];
      if (typeof value !== 'string' || value === '') continue;
      const target = link.to();
      const named = this.named.get(target) ?? new Set<string>();
      this.named.set(target, named);
      if (!named.has(value)) named.add(detached(value));
    }
    const registration = row.aircraft_registration;
    if (typeof registration === 'string' && typeof row.aircraft_type === 'string' && !this.aircraftTypes.has(registration)) {
      this.aircraftTypes.set(detached(registration), detached(row.aircraft_type));
    }
  }

  /**
   * Sets the columns a row copies from the targets its links name (LinkDeclaration.copies),
   * from the target rows loaded before it (loadOrder); a target not in the load copies nothing.
   */
  copyInto(child: AnyEntityModel, row: Record<string, unknown>): void {
    for (const link of child.links ?? []) {
      if (!link.copies) continue;
      const key = row[link.column];
      const values = typeof key === 'string' ? this.copyValues.get(link.to())?.get(key) : undefined;
      if (!values) continue;
      for (const [column, from] of Object.entries(link.copies)) if (from && values[from] !== undefined) row[column] = values[from];
    }
  }

  private entry<V>(map: Map<LinkTarget, Map<string, V>>, parent: LinkTarget, parentId: string, create: () => V): V {
    const byParent = map.get(parent) ?? new Map<string, V>();
    map.set(parent, byParent);
    let entry = byParent.get(parentId);
    if (entry === undefined) {
      entry = create();
      byParent.set(detached(parentId), entry);
    }
    return entry;
  }

  /** What a parent item must carry, or undefined parts when no child of it was loaded. */
  refsFor(parent: LinkTarget, parentId: string): ParentRefs {
    const relations = this.loaded.get(parent);
    const dailyRelations = this.loadedDaily.get(parent);
    const found = this.refs.get(parent)?.get(parentId) ?? {};
    const refs: Refs = Object.fromEntries([...(relations ?? [])].map((as) => [as, found[as] ?? []]));
    const daily: Record<string, string> = {};
    for (const as of dailyRelations ?? []) {
      const day = this.latestDay.get(parent)?.get(parentId)?.get(as);
      if (!day) continue;
      daily[as] = day;
      refs[as] = this.days.get(parent)?.get(parentId)?.get(day)?.[as] ?? [];
    }
    return {
      refs: relations || Object.keys(daily).length ? refs : undefined,
      daily: Object.keys(daily).length ? daily : undefined,
    };
  }

  /**
   * Forgets what was collected for `parent`'s items once they are written (its
   * file loaded, or the derived Aircraft items): its children's ids and its day
   * refs. What the seed holds then follows the files still to come, not the
   * whole load. Write its day items (dayItems) first.
   */
  release(parent: LinkTarget): void {
    this.refs.delete(parent);
    this.days.delete(parent);
    this.latestDay.delete(parent);
  }

  /** The day items of one parent kind: parent id, day, and the refs of that day. */
  *dayItems(parent: LinkTarget): Generator<{ parentId: string; day: string; refs: Refs }> {
    for (const [parentId, byDay] of this.days.get(parent) ?? []) {
      for (const [day, refs] of byDay) yield { parentId, day, refs };
    }
  }

  /** Key values a link target was named by in the rows loaded (the derived Aircraft items are written for these). */
  parentIds(parent: LinkTarget): string[] {
    return [...(this.named.get(parent) ?? [])];
  }
}

/** Target -> the columns some link copies from it (LinkDeclaration.copies). */
function copiedColumns(): Map<LinkTarget, Set<string>> {
  const copied = new Map<LinkTarget, Set<string>>();
  for (const model of ENTITIES) {
    for (const link of model.links ?? []) {
      for (const from of Object.values(link.copies ?? {})) if (from) copied.set(link.to(), (copied.get(link.to()) ?? new Set<string>()).add(from));
    }
  }
  return copied;
}

/**
 * A copy of a string that does not keep the text it was cut from alive. A CSV
 * field is a slice of its record's line (V8 shares the line's memory), so an id
 * kept for the whole load would keep its whole line: on 30 days of history, the
 * passengers' lines, through the flights' lists of them, were most of the
 * seed's heap. JSON.parse always builds a string of its own.
 */
export function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** A value kept past its row: strings detached (see detached), anything else as it is. */
function keepable(value: unknown): unknown {
  return typeof value === 'string' ? detached(value) : value;
}
