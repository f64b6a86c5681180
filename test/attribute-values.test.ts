import { describe, expect, it } from 'vitest';
import { marshallLikeTheDocumentClient, toAttributeMap } from '../seed/attribute-values.js';

/** The seed marshals its items itself (seed/attribute-values.ts); what it sends must be what the document client would. */
describe('the seed marshals items as the document client does', () => {
  const values: Record<string, unknown> = {
    text: 'Nikhil',
    empty: '',
    unicode: 'Zürich – 東京',
    integer: 42,
    negative: -7,
    zero: 0,
    negativeZero: -0,
    float: 71.63,
    tiny: 1e-7,
    largestSafe: Number.MAX_SAFE_INTEGER,
    yes: true,
    no: false,
    nothing: null,
    skipped: undefined,
    list: ['a', 1, false, null, undefined, ['nested']],
    emptyList: [],
    map: { bookings: ['B1', 'B2'], baggage: [], deeper: { a: 1, gone: undefined } },
    emptyMap: {},
    set: new Set(['x', 'y']),
    numberSet: new Set([1, 2]),
    binary: new Uint8Array([1, 2, 3]),
  };

  it('agrees on every kind of value an item can hold', () => {
    expect(toAttributeMap(values)).toEqual(marshallLikeTheDocumentClient(values));
    expect(toAttributeMap(values).skipped).toBeUndefined();
  });

  it.each([
    ['a number beyond 2^53', 2 ** 53],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a class instance', new (class Passenger {})()],
  ])('refuses %s as the document client does', (_, value) => {
    let expected: unknown;
    try {
      marshallLikeTheDocumentClient({ value });
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).toBeTypeOf('string');
    expect(() => toAttributeMap({ value })).toThrow(expected as string);
  });
});
