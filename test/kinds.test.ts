import { describe, expect, it } from 'vitest';
import { CellError, convertCell } from '../entities/kinds.js';

describe('convertCell', () => {
  it('keeps strings as they are: ids with leading zeros stay strings', () => {
    expect(convertCell('string', 'id', '000123')).toBe('000123');
  });
  it('converts declared numbers and rejects malformed ones', () => {
    expect(convertCell('number', 'w', '12.50')).toBe(12.5);
    expect(convertCell('number', 'w', '-3')).toBe(-3);
    expect(convertCell('number', 'w', '1e3')).toBe(1000);
    for (const bad of ['12,5', 'abc', 'NaN', 'Infinity', '0x10', '1.2.3']) {
      expect(() => convertCell('number', 'w', bad)).toThrow(CellError);
    }
    expect(() => convertCell('integer', 'pieces', '2.5')).toThrow(/fraction/);
  });
  it('reads Y/N flags (and common spellings) as booleans', () => {
    expect(convertCell('flag', 'f', 'Y')).toBe(true);
    expect(convertCell('flag', 'f', 'n')).toBe(false);
    expect(convertCell('flag', 'f', 'true')).toBe(true);
    expect(() => convertCell('flag', 'f', 'maybe')).toThrow(/flag/);
  });
  it('splits list columns on commas, semicolons and spaces', () => {
    expect(convertCell('list', 'ssr_codes', 'WCHR; UMNR,BLND  DEAF')).toEqual(['WCHR', 'UMNR', 'BLND', 'DEAF']);
  });
  it('normalises ISO 8601 date-times to UTC seconds', () => {
    expect(convertCell('datetime', 't', '2026-03-15T08:05:00Z')).toBe('2026-03-15T08:05:00Z');
    expect(convertCell('datetime', 't', '2026-03-15 08:05')).toBe('2026-03-15T08:05:00Z');
    expect(convertCell('datetime', 't', '2026-03-15T12:05:00.250+04:00')).toBe('2026-03-15T08:05:00Z');
    expect(convertCell('datetime', 't', '2026-03-15')).toBe('2026-03-15T00:00:00Z');
    expect(() => convertCell('datetime', 't', '2026-02-30T00:00:00Z')).toThrow(/valid date/);
    expect(() => convertCell('datetime', 't', '15/03/2026')).toThrow(/ISO 8601/);
  });
});
