import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { Flights, Weather } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import { factsWindowAround, loadAircraftFacts } from './disruption-data.js';
import { addMinutes, upperOf, type FlightNode, type ForecastNode } from './nodes.js';
import { MEL_RECTIFICATION_DAYS } from './rules.js';
import { weatherRisks, type WeatherThresholds } from './weather-risk.js';

/** How much a MEL item and the weather put a dispatch at risk. */
export enum RiskLevel {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

/** A flight with an active MEL item against the weather at both ends. */
export interface DispatchRisk {
  readonly flight: FlightNode;
  readonly risk: RiskLevel;
  readonly reasons: string[];
  readonly originWeather: ForecastNode | null;
  readonly destinationWeather: ForecastNode | null;
  readonly originRisks: string[];
  readonly destinationRisks: string[];
  /** Deferral time: opened_at of the aircraft's work order for the MEL item. */
  readonly melDeferredAt: string | undefined;
  /** Deferral + the category interval (B 3 days, C 10, D 120). */
  readonly melRectificationDeadline: string | undefined;
}

const RISK_ORDER: Readonly<Record<RiskLevel, number>> = { [RiskLevel.HIGH]: 0, [RiskLevel.MEDIUM]: 1, [RiskLevel.LOW]: 2 };

/**
 * Flights with an active MEL item departing in [from, to], against the weather at
 * both ends. The rectification deadline counts the category's interval (B 3 days,
 * C 10, D 120) from the deferral: the opened_at of the aircraft's work order for
 * the same MEL item, when there is one. HIGH: weather risk with a category A/B
 * item, or the deadline passes before departure; MEDIUM: weather risk; else LOW.
 */
export async function dispatchRisks(reader: Reader, from: string, to: string, thresholds: WeatherThresholds): Promise<DispatchRisk[]> {
  const flights = (await reader.loaders.queries.load(ACCESS_PATTERNS.melFlightsDepartingBetween(from, to))).map((i) => toNode(Flights, i));
  const risks = await Promise.all(
    flights.map(async (flight): Promise<DispatchRisk> => {
      const [originWeather, destinationWeather, facts] = await Promise.all([
        reader.forecastNear(Weather, flight.originAirport, flight.departureTime),
        reader.forecastNear(Weather, flight.destinationAirport, flight.arrivalTime),
        loadAircraftFacts(reader, flight.aircraftRegistration, flight.departureTime ? factsWindowAround(flight.departureTime) : undefined),
      ]);
      const deferral = facts?.workOrders.find((w) => flight.melItem && w.melItem === flight.melItem);
      const days = MEL_RECTIFICATION_DAYS[upperOf(flight.melCategory)];
      const melDeferredAt = deferral?.openedAt;
      const melRectificationDeadline = melDeferredAt && days ? addMinutes(melDeferredAt, days * 24 * 60) : undefined;
      const originRisks = weatherRisks(originWeather, thresholds);
      const destinationRisks = weatherRisks(destinationWeather, thresholds);
      const reasons = [
        `MEL ${flight.melCategory ?? '?'} ${flight.melItem ?? ''}`.trim(),
        ...originRisks.map((r) => `origin ${flight.originAirport}: ${r}`),
        ...destinationRisks.map((r) => `destination ${flight.destinationAirport}: ${r}`),
      ];
      const overdue = melRectificationDeadline !== undefined && flight.departureTime !== undefined && melRectificationDeadline < flight.departureTime;
      if (overdue) reasons.push(`MEL rectification deadline ${melRectificationDeadline} passes before departure`);
      const weather = originRisks.length + destinationRisks.length > 0;
      const risk =
        overdue || (weather && ['A', 'B'].includes(upperOf(flight.melCategory))) ? RiskLevel.HIGH : weather ? RiskLevel.MEDIUM : RiskLevel.LOW;
      return { flight, risk, reasons, originWeather, destinationWeather, originRisks, destinationRisks, melDeferredAt, melRectificationDeadline };
    }),
  );
  return risks.sort((a, b) => RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || (a.flight.departureTime ?? '').localeCompare(b.flight.departureTime ?? ''));
}
