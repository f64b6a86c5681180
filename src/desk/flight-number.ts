/**
 * Flight numbers as exports write them. The contract names a connection by its
 * flight number (`connecting_flight_number`), and exports write the same flight
 * as `EY0109`, `EY109`, `0109` or `109`: an optional airline designator, one to
 * four digits with or without leading zeros, and an optional operational suffix
 * letter (IATA SSIM chapter 2).
 */
export interface FlightNumber {
  /** Airline designator when written (`EY`, `6E`, or a 3-letter ICAO code), upper-cased. */
  readonly carrier: string | undefined;
  /** The number without leading zeros. */
  readonly number: number;
  /** Operational suffix letter, or ''. */
  readonly suffix: string;
}

// A 2-character IATA designator is letters or digits but never two digits (so `01` in
// `0109` is not a carrier); a 3-letter one is an ICAO code. Separators are tolerated.
const FLIGHT_NUMBER = /^(?:([A-Z]{3}|[A-Z][A-Z0-9]|[0-9][A-Z]))?[\s-]*(\d{1,4})([A-Z]?)$/;

/** Parses a flight number as written, or undefined when it is not one. */
export function parseFlightNumber(value: string | undefined | null): FlightNumber | undefined {
  const text = (value ?? '').trim().toUpperCase();
  const m = FLIGHT_NUMBER.exec(text);
  if (!m) return undefined;
  return { carrier: m[1], number: Number(m[2]), suffix: m[3] ?? '' };
}

/**
 * The flight number of a flight row: its `flight_number`, with the carrier taken
 * from the flight id's leading designator when the number is written without one
 * (`109` on flight `EY0109-20260315` is EY109), so that another airline's `QR109`
 * is never taken for it.
 */
export function flightNumberOf(flight: { flightNumber?: string | undefined; flightId?: string | undefined }): FlightNumber | undefined {
  const own = parseFlightNumber(flight.flightNumber);
  const fromId = parseFlightNumber(flight.flightId?.split(/[^A-Za-z0-9]/)[0]);
  if (!own) return fromId;
  if (own.carrier || !fromId?.carrier || fromId.number !== own.number) return own;
  return { ...own, carrier: fromId.carrier };
}

/** Same flight number: same digits and suffix, and the same carrier wherever both name one. */
export function sameFlightNumber(a: FlightNumber, b: FlightNumber): boolean {
  return a.number === b.number && a.suffix === b.suffix && (!a.carrier || !b.carrier || a.carrier === b.carrier);
}
