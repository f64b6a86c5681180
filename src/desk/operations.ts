import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { CrewMembers, CrewRoster, Flights, Weather } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import { loadAircraftFacts, shiftsOf, type AircraftFacts } from './disruption-data.js';
import {
  addMinutes,
  upperOf,
  type CrewNode,
  type FlightNode,
  type ForecastNode,
  type RosterNode,
  type ShiftNode,
  type StaffNode,
  type WorkOrderNode,
  type AvailabilityNode,
} from './nodes.js';
import { GROUNDED_STATUSES, MEL_RECTIFICATION_DAYS, OPEN_WORK_ORDER_STATUSES } from './rules.js';
import { qualifiedOn } from './swap-check.js';
import { weatherRisks, type WeatherThresholds } from './weather-risk.js';

export interface AircraftReturn {
  readonly facts: AircraftFacts;
  readonly groundingWindow: AvailabilityNode | null;
  readonly estimatedReturnToService: string | undefined;
  readonly openWorkOrders: Array<{ workOrder: WorkOrderNode; shifts: Array<{ shift: ShiftNode; staff: StaffNode | null }> }>;
}

/**
 * When the grounded aircraft is back: its latest AOG/MAINT window, its open work
 * orders (ATA chapter, due time) with the maintenance staff rostered on them;
 * the estimate is the later of the window's end and the last open work order due.
 */
export async function aircraftReturn(reader: Reader, registration: string): Promise<AircraftReturn | null> {
  const facts = await loadAircraftFacts(reader, registration);
  if (!facts) return null;
  const grounded = facts.windows.filter((w) => GROUNDED_STATUSES.has(upperOf(w.availabilityStatus)));
  const groundingWindow = grounded.at(-1) ?? null;
  const open = facts.workOrders.filter((w) => OPEN_WORK_ORDER_STATUSES.has(upperOf(w.status)));
  const shifts = await shiftsOf(reader, open);
  const candidates = [groundingWindow?.availabilityEnd, ...open.filter((w) => upperOf(w.priority) === 'AOG').map((w) => w.dueAt)].filter(
    Boolean,
  ) as string[];
  return {
    facts,
    groundingWindow,
    estimatedReturnToService: candidates.sort().at(-1),
    openWorkOrders: open.map((workOrder) => ({ workOrder, shifts: shifts.get(workOrder.workorderId!) ?? [] })),
  };
}

export interface DispatchRisk {
  readonly flight: FlightNode;
  readonly originWeather: ForecastNode | null;
  readonly destinationWeather: ForecastNode | null;
  readonly originRisks: string[];
  readonly destinationRisks: string[];
  readonly melDeferredAt: string | undefined;
  readonly melRectificationDeadline: string | undefined;
  readonly risk: 'HIGH' | 'MEDIUM' | 'LOW';
  readonly reasons: string[];
}

/**
 * Flights with an active MEL item departing in [from, to], against the weather at
 * both ends. The rectification deadline counts the category's interval (B 3 days,
 * C 10, D 120) from the deferral: the opened_at of the aircraft's work order for
 * the same MEL item, when there is one. HIGH: weather risk with a category A/B
 * item, or the deadline passes before departure; MEDIUM: weather risk; else LOW.
 */
export async function dispatchRisks(reader: Reader, from: string, to: string, thresholds: WeatherThresholds): Promise<DispatchRisk[]> {
  const flights = (await reader.loaders.queries.load(ACCESS_PATTERNS.melFlightsDepartingBetween(from, to))).map((i) => toNode(Flights, i));
  return Promise.all(
    flights.map(async (flight) => {
      const [originWeather, destinationWeather, facts] = await Promise.all([
        reader.forecastNear(Weather, flight.originAirport, flight.departureTime),
        reader.forecastNear(Weather, flight.destinationAirport, flight.arrivalTime),
        loadAircraftFacts(reader, flight.aircraftRegistration),
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
      const risk: DispatchRisk['risk'] =
        overdue || (weather && ['A', 'B'].includes(upperOf(flight.melCategory))) ? 'HIGH' : weather ? 'MEDIUM' : 'LOW';
      const result: DispatchRisk = {
        flight,
        originWeather,
        destinationWeather,
        originRisks,
        destinationRisks,
        melDeferredAt,
        melRectificationDeadline,
        risk,
        reasons,
      };
      return result;
    }),
  ).then((risks) =>
    risks.sort((a, b) => riskOrder[a.risk] - riskOrder[b.risk] || (a.flight.departureTime ?? '').localeCompare(b.flight.departureTime ?? '')),
  );
}

const riskOrder = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;

/**
 * Crew at a base, qualified on a type, with no roster line overlapping [from, to):
 * who can be called out.
 */
export async function standbyCrew(
  reader: Reader,
  base: string,
  aircraftType: string,
  from: string,
  to: string,
): Promise<Array<{ crew: CrewNode; roster: RosterNode[] }>> {
  const atBase = (await reader.loaders.queries.load(ACCESS_PATTERNS.crewAtBase(base))).map((i) => toNode(CrewMembers, i));
  const qualified = atBase.filter((c) => qualifiedOn(c, aircraftType));
  const rosters = await Promise.all(qualified.map((c) => reader.children(c, 'roster', CrewRoster, ACCESS_PATTERNS.rosterOfCrewMember(c.crewId!))));
  return qualified
    .map((crew, i) => ({ crew, roster: rosters[i]!.sort((a, b) => (a.dutyStart ?? '').localeCompare(b.dutyStart ?? '')) }))
    .filter(({ roster }) => !roster.some((line) => (line.dutyStart ?? '') < to && (line.dutyEnd ?? '') > from))
    .sort((a, b) => (a.crew.rank ?? '').localeCompare(b.crew.rank ?? '') || (a.crew.crewId ?? '').localeCompare(b.crew.crewId ?? ''));
}

/** Longest flight a watched airport's arrivals can have departed before the window (hours). */
const LONGEST_FLIGHT_HOURS = 20;

export interface WatchedAirport {
  readonly airportCode: string;
  readonly forecasts: ForecastNode[];
  readonly worstImpact: string;
  readonly flights: FlightNode[];
}

const IMPACT_ORDER = ['SEVERE', 'HIGH', 'MODERATE', 'MINOR', 'LOW'];

/**
 * Airports whose forecasts in [from, from + hours] carry an operational impact
 * (the sparse impact index), with the flights departing from or arriving at them
 * in those hours: two Queries whatever the number of airports.
 */
export async function weatherWatch(reader: Reader, from: string, hours: number): Promise<WatchedAirport[]> {
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
