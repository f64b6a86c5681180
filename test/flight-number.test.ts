import { describe, expect, it } from 'vitest';
import { flightNumberOf, parseFlightNumber, sameFlightNumber } from '../src/desk/flight-number.js';

describe('flight numbers as exports write them', () => {
  it('reads EY0109, EY109, 0109 and 109 as the same flight, and QR109 as another', () => {
    const forms = ['EY0109', 'EY109', '0109', '109', ' ey 109 ', 'EY-0109'];
    const parsed = forms.map((f) => parseFlightNumber(f));
    for (const [i, p] of parsed.entries()) expect(p, forms[i]).toMatchObject({ number: 109, suffix: '' });
    for (const a of parsed) for (const b of parsed) expect(sameFlightNumber(a!, b!)).toBe(true);
    expect(sameFlightNumber(parseFlightNumber('QR109')!, parseFlightNumber('EY109')!)).toBe(false);
    expect(sameFlightNumber(parseFlightNumber('EY1090')!, parseFlightNumber('EY109')!)).toBe(false);
    expect(sameFlightNumber(parseFlightNumber('EY109A')!, parseFlightNumber('EY109')!)).toBe(false);
  });

  it('tells a designator with a digit (6E, 9W) from leading zeros, and refuses what is not a flight number', () => {
    expect(parseFlightNumber('6E2034')).toEqual({ carrier: '6E', number: 2034, suffix: '' });
    expect(parseFlightNumber('0109')).toEqual({ carrier: undefined, number: 109, suffix: '' });
    expect(parseFlightNumber('ETD0109')).toEqual({ carrier: 'ETD', number: 109, suffix: '' });
    for (const bad of ['', '   ', 'TBA', 'EY', '12345', 'EY 1 2', undefined, null]) expect(parseFlightNumber(bad), String(bad)).toBeUndefined();
  });

  it("takes a carrier-less number's carrier from its flight id", () => {
    expect(flightNumberOf({ flightNumber: '109', flightId: 'EY0109-20260315' })).toEqual({ carrier: 'EY', number: 109, suffix: '' });
    // an id that names another number says nothing about this one's carrier
    expect(flightNumberOf({ flightNumber: '109', flightId: 'EY0110-20260315' })?.carrier).toBeUndefined();
    expect(flightNumberOf({ flightNumber: 'EY109', flightId: 'X-1' })?.carrier).toBe('EY');
    expect(flightNumberOf({ flightId: 'ZQ0413-20260610' })).toEqual({ carrier: 'ZQ', number: 413, suffix: '' });
  });
});
