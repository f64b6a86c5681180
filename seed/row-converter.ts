import {
  CellError,
  DAILY_ATTRIBUTE,
  ENTITY_ATTRIBUTE,
  GSI_NAMES,
  convertCell,
  RESERVED_ATTRIBUTES,
  REFS_ATTRIBUTE,
  type AnyEntityModel,
  type Columns,
  type KeyPair,
  type Row,
} from '../entities/index.js';
import type { ParentRefs } from './refs.js';
import { MAX_ITEM_BYTES, oversizeItemBytes } from './item-size.js';

/** A row ready to write, with the key it will be stored under. */
export interface ConvertedRow {
  /** Declared columns, converted by kind; empty cells omitted. */
  readonly row: Record<string, unknown>;
  /** Undeclared columns, kept as strings. */
  readonly extras: Record<string, string>;
  readonly key: KeyPair;
}

/** A whole file that cannot be loaded (its header lacks a key column, ...). */
export class HeaderError extends Error {}

/** A row that cannot be loaded; the message says why (the caller adds file and line). */
export class RowError extends Error {}

/** Normalises a header name: `Passenger ID` and `passenger_id` name the same column. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Converts the records of one CSV file into items for one entity, by the kinds
 * the entity declares. Built once per file from its header.
 */
export class RowConverter {
  private readonly declared: Array<{ index: number; column: string }> = [];
  private readonly extra: Array<{ index: number; attribute: string }> = [];
  /** Undeclared columns renamed because they collide with the table's own attributes. */
  readonly renamedColumns: Array<{ column: string; storedAs: string }> = [];
  readonly fieldCount: number;

  constructor(
    readonly model: AnyEntityModel,
    header: readonly string[],
  ) {
    this.fieldCount = header.length;
    const seen = new Map<string, number>();
    header.forEach((rawName, index) => {
      // Spreadsheet exports often end every line with a comma: an unnamed column. Its
      // cells are kept (as column_<n>) when they hold anything, never dropped.
      const column = normaliseColumnName(rawName) || `column_${index + 1}`;
      if (seen.has(column)) {
        throw new HeaderError(`header names column ${JSON.stringify(column)} twice (columns ${seen.get(column)! + 1} and ${index + 1})`);
      }
      seen.set(column, index);
      if (column in model.columns) {
        this.declared.push({ index, column });
      } else {
        const attribute = RESERVED_ATTRIBUTES.has(column) ? `csv_${column}` : column;
        if (attribute !== column) this.renamedColumns.push({ column, storedAs: attribute });
        this.extra.push({ index, attribute });
      }
    });
    const missing = model.key.filter((k) => !seen.has(k));
    if (missing.length > 0) {
      throw new HeaderError(`header lacks the key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${model.name}`);
    }
  }

  /** Converts one record; throws RowError with the reason it cannot be loaded. */
  convert(fields: readonly string[]): ConvertedRow {
    if (fields.length !== this.fieldCount) {
      throw new RowError(`expected ${this.fieldCount} fields (as in the header), found ${fields.length}`);
    }
    const row: Record<string, unknown> = {};
    for (const { index, column } of this.declared) {
      const cell = fields[index]!.trim();
      if (cell === '') continue;
      try {
        row[column] = convertCell(this.model.columns[column]!, column, cell);
      } catch (error) {
        if (error instanceof CellError) throw new RowError(error.message);
        throw error;
      }
    }
    for (const keyColumn of this.model.key) {
      if (row[keyColumn] === undefined) throw new RowError(`key column ${keyColumn} is empty`);
    }
    const extras: Record<string, string> = {};
    for (const { index, attribute } of this.extra) {
      const cell = fields[index]!.trim();
      if (cell !== '') extras[attribute] = cell;
    }
    const key = this.model.primaryKey(row as Record<string, string>);
    return { row, extras, key };
  }

  /**
   * Builds the stored item (keys, index keys, `_et`, refs) and checks it against
   * DynamoDB's item size limit.
   */
  toItem(converted: ConvertedRow, parent?: ParentRefs): Record<string, unknown> {
    const full = buildItem(this.model, converted.row, converted.key, parent, converted.extras);
    assertKeySizes(full);
    const size = oversizeItemBytes(full);
    if (size !== undefined) {
      throw new RowError(`the item would be ${size} bytes, over DynamoDB's 400 KB (${MAX_ITEM_BYTES} bytes) item limit`);
    }
    return full;
  }
}

/** DynamoDB's limits on key attributes (table and index keys alike), in UTF-8 bytes. */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

/** The key attributes an item may carry: the table's and each GSI's (checked by name, not by pattern, for every item of a load). */
const KEY_ATTRIBUTES: ReadonlyArray<readonly [string, number, 'partition' | 'sort']> = [
  ['pk', MAX_PARTITION_KEY_BYTES, 'partition'],
  ['sk', MAX_SORT_KEY_BYTES, 'sort'],
  ...GSI_NAMES.flatMap((gsi) => [[`${gsi}pk`, MAX_PARTITION_KEY_BYTES, 'partition'] as const, [`${gsi}sk`, MAX_SORT_KEY_BYTES, 'sort'] as const]),
];

function assertKeySizes(item: Record<string, unknown>): void {
  for (const [name, max, kind] of KEY_ATTRIBUTES) {
    const value = item[name];
    // Keys are strings (renderKey), numbers or flags: nothing else reaches here.
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most keys need no byte count at all.
    if (text.length * 3 <= max) continue;
    const bytes = Buffer.byteLength(text);
    if (bytes > max) {
      throw new RowError(
        `a key built from this row is ${bytes} bytes, over DynamoDB's ${max}-byte limit for ${kind} keys (an id or key column is too long)`,
      );
    }
  }
}

/**
 * The stored item of a converted row: what the toolbox's EntityParser produces
 * (a test checks they agree for every entity), compiled from the same entity
 * definition. The seed uses this instead of the generic parser because the
 * parser costs about 200 microseconds an item, more than the rest of the load
 * path together, on a machine whose other core runs the database.
 */
export function buildItem(
  model: AnyEntityModel,
  row: Record<string, unknown>,
  key: KeyPair,
  parent?: ParentRefs,
  extras?: Readonly<Record<string, string>>,
): Record<string, unknown> {
  // Columns outside the contract first: a declared column or a key of ours wins over a cell of the same name.
  const item: Record<string, unknown> = extras ? Object.assign({}, extras, row) : { ...row };
  if (parent?.refs) item[REFS_ATTRIBUTE] = parent.refs;
  if (parent?.daily) item[DAILY_ATTRIBUTE] = parent.daily;
  for (const [gsi, indexKey] of Object.entries(model.indexKeys(row as Row<Columns>))) {
    item[`${gsi}pk`] = indexKey.pk;
    item[`${gsi}sk`] = indexKey.sk;
  }
  item[ENTITY_ATTRIBUTE] = model.name;
  item.pk = key.pk;
  item.sk = key.sk;
  return item;
}
