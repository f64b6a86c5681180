import type { AnyEntityModel, LinkTarget } from '../entities/index.js';

/** Relation name -> child key ids, as stored in a parent's `_refs`. */
export type Refs = Record<string, string[]>;

/**
 * Collects, while children are loaded, the keys each parent must carry
 * (`belongsTo` declarations), so that parents written later hold the complete
 * list. A relation whose child file was not part of this load is left out of
 * `_refs` altogether, and readers fall back to a Query for it.
 */
export class RefCollector {
  private readonly loaded = new Map<LinkTarget, Set<string>>();
  private readonly refs = new Map<LinkTarget, Map<string, Refs>>();
  /** Aircraft type per registration, for the derived Aircraft items. */
  readonly aircraftTypes = new Map<string, string>();

  /** Declares that `child`'s file is being loaded: its parents get these relations, even when empty. */
  startChild(child: AnyEntityModel): void {
    for (const { parent, as } of child.belongsTo) {
      if (!this.loaded.has(parent)) this.loaded.set(parent, new Set());
      this.loaded.get(parent)!.add(as);
    }
  }

  /** Records an accepted child row under each of its parents. */
  addChild(child: AnyEntityModel, row: Record<string, unknown>): void {
    const childId = child.keyId(row as Record<string, string>);
    for (const { parent, column, as } of child.belongsTo) {
      // A parent has one key column, so its id is the value the child's column holds.
      const parentId = row[column];
      if (typeof parentId !== 'string' || parentId === '') continue;
      const byParent = this.refs.get(parent) ?? new Map<string, Refs>();
      this.refs.set(parent, byParent);
      const entry = byParent.get(parentId) ?? {};
      byParent.set(parentId, entry);
      (entry[as] ??= []).push(childId);
    }
    const registration = row.aircraft_registration;
    if (typeof registration === 'string' && typeof row.aircraft_type === 'string' && !this.aircraftTypes.has(registration)) {
      this.aircraftTypes.set(registration, row.aircraft_type);
    }
  }

  /** The `_refs` a parent item must carry, or undefined when no child of it was loaded. */
  refsFor(parent: LinkTarget, parentId: string): Refs | undefined {
    const relations = this.loaded.get(parent);
    if (!relations) return undefined;
    const found = this.refs.get(parent)?.get(parentId) ?? {};
    return Object.fromEntries([...relations].map((as) => [as, found[as] ?? []]));
  }

  /** Parent ids seen for a parent kind (used for the derived Aircraft items). */
  parentIds(parent: LinkTarget): string[] {
    return [...(this.refs.get(parent)?.keys() ?? [])];
  }
}
