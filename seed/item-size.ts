/** DynamoDB's maximum item size: 400 KB, names and values included. */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * The size DynamoDB counts for an item: UTF-8 lengths of attribute names and
 * string values, about 21 bytes for a number, 1 for a boolean or null, and 3 of
 * overhead per list or map plus 1 per element. Measured before batching, because
 * one oversize item makes DynamoDB reject the whole BatchWriteItem.
 */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

/**
 * The item's size when it is over DynamoDB's limit, else undefined. Almost every
 * item is far below it: a bound that counts 3 bytes for every UTF-16 unit (UTF-8's
 * most) needs no byte count, and only an item the bound cannot clear is measured.
 */
export function oversizeItemBytes(item: Record<string, unknown>): number | undefined {
  let bound = 0;
  for (const name in item) {
    const value = item[name];
    if (value !== undefined) bound += 3 * name.length + sizeBound(value);
  }
  if (bound <= MAX_ITEM_BYTES) return undefined;
  const size = itemSize(item);
  return size > MAX_ITEM_BYTES ? size : undefined;
}

/** At least valueSize(value): strings at 3 bytes a unit, the rest as valueSize counts it. */
function sizeBound(value: unknown): number {
  if (typeof value === 'string') return 3 * value.length;
  if (Array.isArray(value)) {
    let sum = 3;
    for (const v of value) sum += 1 + sizeBound(v);
    return sum;
  }
  if (value !== null && typeof value === 'object') {
    let sum = 3;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) sum += 1 + 3 * k.length + sizeBound(v);
    return sum;
  }
  return valueSize(value);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 21;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value as Record<string, unknown>).reduce<number>((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueSize(v), 0);
  }
  return 0;
}
