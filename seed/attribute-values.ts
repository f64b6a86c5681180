import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { convertToAttr, marshall } from '@aws-sdk/util-dynamodb';

/** The document client's options (db/client.ts), which the seed's items must be marshalled with. */
const OPTIONS = { removeUndefinedValues: true, convertEmptyValues: false } as const;

/**
 * An item as DynamoDB AttributeValues, exactly as the document client's
 * marshall would send it (with db/client.ts's options), for the bulk load.
 * The seed's items hold strings, numbers, booleans, and lists and maps of them:
 * those are converted here directly, about ten times faster than the generic
 * marshaller walks them (the load spends its CPU on the same core budget as
 * the database it writes to). Anything else (sets, binary, numbers beyond
 * 2^53, NaN, class instances) goes through util-dynamodb's own convertToAttr,
 * so it is converted, or refused, as the document client would.
 */
export function toAttributeMap(item: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const name in item) {
    const value = item[name];
    if (value !== undefined) map[name] = toAttribute(value);
  }
  return map;
}

function toAttribute(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return { N: String(value) };
      break;
    case 'object':
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) {
        const list: AttributeValue[] = [];
        for (const element of value) if (element !== undefined) list.push(toAttribute(element));
        return { L: list };
      }
      if (Object.getPrototypeOf(value) === Object.prototype) return { M: toAttributeMap(value as Record<string, unknown>) };
      break;
  }
  return convertToAttr(value, OPTIONS);
}

/** The generic marshaller with the same options: what toAttributeMap must agree with (tests compare them). */
export function marshallLikeTheDocumentClient(item: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  return marshall(item, OPTIONS);
}
