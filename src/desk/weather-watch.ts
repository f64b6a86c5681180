import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { Flights, Weather } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import { addMinutes, upperOf, type FlightNode, type ForecastNode } from './nodes.js';

/** Longest flight a watched airport's arrivals can have departed before the window (hours). */
const LONGEST_FLIGHT_HOURS = 20;

/** An airport whose forecasts carry an operational impact, with the flights touching it. */
export interface WeatherWatchAirport {
  readonly airportCode: string;
  /** The most severe operational impact among its forecasts. */
  readonly worstImpact: string;
  /** By forecast time. */
  readonly forecasts: ForecastNode[];
  /** Flights departing from or arriving at the airport in the window. */
  readonly flights: FlightNode[];
}

const IMPACT_ORDER = ['SEVERE', 'HIGH', 'MODERATE', 'MINOR', 'LOW'];

/**
 * Airports whose forecasts in [from, from + hours] carry an operational impact
 * (the sparse impact index), with the flights departing from or arriving at them
 * in those hours: two Queries whatever the number of airports.
 */
export async function weatherWatch(reader: Reader, from: string, hours: number): Promise<WeatherWatchAirport[]> {
  const to = addMinutes(from, hours * 60)!;
  const [forecastItems, flightItems] = await Promise.all([
    reader.loaders.queries.load(ACCESS_PATTERNS.weatherWithImpact(from, to)),
    reader.loaders.queries.load(ACCESS_PATTERNS.flightsDepartingBetween(addMinutes(from, -LONGEST_FLIGHT_HOURS * 60)!, to)),
  ]);
  const forecasts = forecastItems.map((i) => toNode(Weather, i)).filter((f) => (f.forecastTimeZulu ?? '') <= to);
  const flights = flightItems.map((i) => toNode(Flights, i));
  const byAirport = new Map<string, ForecastNode[]>();
  for (const f of forecasts) byAirport.set(upperOf(f.airportCode), [...(byAirport.get(upperOf(f.airportCode)) ?? []), f]);
  return [...byAirport]
    .map(([airportCode, list]) => {
      const impacts = list.map((f) => upperOf(f.operationalImpact));
      const worstImpact = IMPACT_ORDER.find((i) => impacts.includes(i)) ?? impacts[0] ?? 'UNKNOWN';
      const touching = flights.filter(
        (f) =>
          (upperOf(f.originAirport) === airportCode && (f.departureTime ?? '') >= from && (f.departureTime ?? '') <= to) ||
          (upperOf(f.destinationAirport) === airportCode && (f.arrivalTime ?? '') >= from && (f.arrivalTime ?? '') <= to),
      );
      return {
        airportCode,
        forecasts: list.sort((a, b) => (a.forecastTimeZulu ?? '').localeCompare(b.forecastTimeZulu ?? '')),
        worstImpact,
        flights: touching,
      };
    })
    .sort((a, b) => IMPACT_ORDER.indexOf(a.worstImpact) - IMPACT_ORDER.indexOf(b.worstImpact) || a.airportCode.localeCompare(b.airportCode));
}
