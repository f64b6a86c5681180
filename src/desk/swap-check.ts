import type { AircraftNode } from '../../db/reader.js';
import type { AircraftFacts, DisruptionData } from './disruption-data.js';
import { groundingWindow } from './grounding.js';
import {
  addMinutes,
  minutesBetween,
  upperOf,
  type AvailabilityNode,
  type CrewNode,
  type FlightNode,
  type ForecastNode,
  type SwapNode,
  type WorkOrderNode,
} from './nodes.js';
import { GROUNDED_STATUSES, MIN_TURNAROUND_MINUTES, OPEN_WORK_ORDER_STATUSES } from './rules.js';
import { DEFAULT_WEATHER_THRESHOLDS, weatherRisks, type WeatherThresholds } from './weather-risk.js';

/** The desk verdict on a swap candidate. */
export enum SwapVerdict {
  GO = 'GO',
  GO_WITH_CONDITIONS = 'GO_WITH_CONDITIONS',
  NO_GO = 'NO_GO',
}

/** A swap candidate checked against the data. */
export interface SwapOptionCheck {
  /** The AircraftSwapOptions row (with the data's own swapFeasibility). */
  readonly option: SwapNode;
  readonly aircraft: AircraftNode | null;
  /** Its availability window at the scheduled departure, and what that window says. */
  readonly windowAtDeparture: AvailabilityNode | null;
  readonly availabilityStatus: string | undefined;
  /** The option's current location, else its window's at departure. */
  readonly location: string | undefined;
  readonly melCategory: string | undefined;
  readonly melDispatchImpact: string | undefined;
  readonly openWorkOrdersDueBeforeDeparture: WorkOrderNode[];
  /** Its own flights it could no longer fly. */
  readonly flightsAbandoned: FlightNode[];
  readonly projectedDepartureTime: string | undefined;
  readonly projectedDelayMinutes: number;
  readonly projectedArrivalTime: string | undefined;
  /** Destination forecast nearest the projected arrival. */
  readonly destinationWeather: ForecastNode | null;
  /** Crew members qualified on its type (all bases). */
  readonly qualifiedCrew: number;
  /** Of them, based at the flight origin. */
  readonly qualifiedCrewAtOrigin: number;
  /** Null when the export gives no seat capacity (seat_capacity is not a contract column). */
  readonly seatShortfall: number | null;
  readonly verdict: SwapVerdict;
  readonly reasons: string[];
}

const VERDICT_ORDER: Readonly<Record<SwapVerdict, number>> = { [SwapVerdict.GO]: 0, [SwapVerdict.GO_WITH_CONDITIONS]: 1, [SwapVerdict.NO_GO]: 2 };

/** Every swap option checked for the disrupted flight: GO first, then the least delay. */
export async function swapOptions(data: DisruptionData): Promise<SwapOptionCheck[]> {
  const [options, disrupted, allCrew, grounding, flightCrew] = await Promise.all([
    data.swapOptions(),
    data.disrupted(),
    data.allCrew(),
    groundingWindow(data),
    data.crewOf(data.flight).then(async (lines) => [...(await data.crewMembers(lines.map((l) => l.crewId!))).values()]),
  ]);
  const checks = await Promise.all(
    options.map(async (option) => {
      const [facts, weather] = await Promise.all([
        data.aircraftFacts(option.aircraftRegistration),
        data.forecastNear(data.flight.destinationAirport, swapTimes(option, data.flight).projectedArrivalTime),
      ]);
      return checkSwap(option, facts, weather, {
        flight: data.flight,
        passengers: disrupted.length,
        groundedUntil: grounding?.availabilityEnd,
        allCrew,
        flightCrew,
        thresholds: DEFAULT_WEATHER_THRESHOLDS,
      });
    }),
  );
  return checks.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.projectedDelayMinutes - b.projectedDelayMinutes);
}

export interface SwapInputs {
  readonly flight: FlightNode;
  readonly passengers: number;
  /** End of the grounded aircraft's grounding window: a swap ready later is pointless. */
  readonly groundedUntil: string | undefined;
  readonly allCrew: readonly CrewNode[];
  /** Crew members rostered on the disrupted flight: whether they may fly the candidate's type. */
  readonly flightCrew: readonly CrewNode[];
  readonly thresholds: WeatherThresholds;
}

const covering = (windows: readonly AvailabilityNode[], time: string | undefined) =>
  windows.find((w) => time && (w.availabilityStart ?? '') <= time && time < (w.availabilityEnd ?? '9999')) ?? null;

export const qualifiedOn = (crew: CrewNode, type: string | undefined) =>
  !!type && (crew.qualifiedAircraftTypes ?? []).some((t) => upperOf(t) === upperOf(type));

/**
 * Checks one swap candidate against the data, and gives a verdict with reasons.
 * NO_GO: grounded when it would be needed, no qualified crew, a no-go dispatch
 * impact, or ready only after the grounded aircraft itself is back. Each other
 * finding (a ferry, a delay, too few seats, open work orders due before
 * departure, flights it would abandon, weather at the destination, a crew
 * change) makes it GO_WITH_CONDITIONS.
 */
export function checkSwap(
  option: SwapNode,
  facts: AircraftFacts | null,
  destinationWeather: ForecastNode | null,
  input: SwapInputs,
): SwapOptionCheck {
  const departure = input.flight.departureTime;
  const { ready, projectedDelayMinutes, projectedArrivalTime } = swapTimes(option, input.flight);
  const windows = facts?.windows ?? [];
  const windowAtDeparture = covering(windows, departure);
  const windowWhenNeeded = covering(windows, ready);
  const openWorkOrdersDueBeforeDeparture = (facts?.workOrders ?? []).filter(
    (w) => OPEN_WORK_ORDER_STATUSES.has(upperOf(w.status)) && !!w.dueAt && !!departure && w.dueAt <= departure,
  );
  const flightsAbandoned = abandonedFlights(facts?.flights ?? [], ready, addMinutes(projectedArrivalTime, MIN_TURNAROUND_MINUTES), input.flight);
  const type = option.aircraftType ?? facts?.aircraft.aircraftType;
  const qualified = input.allCrew.filter((c) => qualifiedOn(c, type));
  const qualifiedCrewAtOrigin = qualified.filter((c) => upperOf(c.base) === upperOf(input.flight.originAirport)).length;
  const seatShortfall = option.seatCapacity === undefined ? null : Math.max(0, input.passengers - option.seatCapacity);
  const locationWhenNeeded = option.currentLocation ?? windowWhenNeeded?.location;

  const noGo: string[] = [];
  const conditions: string[] = [];
  const status = upperOf(windowWhenNeeded?.availabilityStatus);
  if (GROUNDED_STATUSES.has(status))
    noGo.push(`${status} when needed (${windowWhenNeeded!.availabilityStart} to ${windowWhenNeeded!.availabilityEnd})`);
  if (/NO[-\s]?GO/i.test(windowWhenNeeded?.melDispatchImpact ?? '')) noGo.push(`dispatch impact: ${windowWhenNeeded!.melDispatchImpact}`);
  if (qualified.length === 0) noGo.push(`no crew qualified on ${type ?? 'its type'}`);
  if (input.groundedUntil && ready && ready >= input.groundedUntil) {
    noGo.push(`ready ${ready}, not before the grounded aircraft is back (${input.groundedUntil})`);
  }
  if (locationWhenNeeded && upperOf(locationWhenNeeded) !== upperOf(input.flight.originAirport))
    conditions.push(`at ${locationWhenNeeded}: must be positioned to ${input.flight.originAirport}`);
  if (projectedDelayMinutes > 0) conditions.push(`ready ${ready}: departs ${projectedDelayMinutes} min late`);
  if (seatShortfall === null) conditions.push(`seat capacity unknown: check that ${input.passengers} passengers fit`);
  else if (seatShortfall > 0) conditions.push(`${seatShortfall} passengers do not fit (${option.seatCapacity} seats for ${input.passengers})`);
  if (windowWhenNeeded?.melCategory && upperOf(windowWhenNeeded.melStatus) === 'ACTIVE') {
    conditions.push(
      `active MEL category ${windowWhenNeeded.melCategory}${windowWhenNeeded.melDispatchImpact ? `: ${windowWhenNeeded.melDispatchImpact}` : ''}`,
    );
  }
  for (const w of openWorkOrdersDueBeforeDeparture) conditions.push(`work order ${w.workorderId} (${w.status}) due ${w.dueAt}, before departure`);
  if (flightsAbandoned.length) conditions.push(`abandons ${flightsAbandoned.map((f) => f.flightNumber ?? f.flightId).join(', ')}: re-plan them`);
  const weather = weatherRisks(destinationWeather, input.thresholds);
  if (weather.length) conditions.push(`weather at ${input.flight.destinationAirport} on arrival: ${weather.join('; ')}`);
  const crewChange = crewChangeOf(option, type, input.flightCrew);
  if (crewChange) conditions.push(crewChange);
  const verdict = noGo.length ? SwapVerdict.NO_GO : conditions.length ? SwapVerdict.GO_WITH_CONDITIONS : SwapVerdict.GO;
  return {
    option,
    aircraft: facts?.aircraft ?? null,
    windowAtDeparture,
    availabilityStatus: windowAtDeparture?.availabilityStatus,
    location: option.currentLocation ?? windowAtDeparture?.location,
    melCategory: windowAtDeparture?.melCategory,
    melDispatchImpact: windowAtDeparture?.melDispatchImpact,
    openWorkOrdersDueBeforeDeparture,
    flightsAbandoned,
    projectedDepartureTime: ready,
    projectedDelayMinutes,
    projectedArrivalTime,
    destinationWeather,
    qualifiedCrew: qualified.length,
    qualifiedCrewAtOrigin,
    seatShortfall,
    verdict,
    reasons: [...noGo, ...conditions],
  };
}

/**
 * Whether the candidate needs another crew: the export's crew_change_required
 * when it has it (not a contract column), else whether a crew member rostered
 * on the flight is not qualified on the candidate's type.
 */
function crewChangeOf(option: SwapNode, type: string | undefined, flightCrew: readonly CrewNode[]): string | undefined {
  if (option.crewChangeRequired !== undefined) return option.crewChangeRequired ? 'crew change required' : undefined;
  const unqualified = flightCrew.filter((c) => !qualifiedOn(c, type));
  if (unqualified.length)
    return `crew change required: ${unqualified.length} of the ${flightCrew.length} rostered crew are not qualified on ${type ?? 'its type'}`;
  return undefined;
}

/** When the flight would leave and arrive with this candidate: at its ready time, or on schedule. */
export function swapTimes(option: SwapNode, flight: FlightNode) {
  const departure = flight.departureTime;
  const ready = option.readyTimeUtc && departure && option.readyTimeUtc > departure ? option.readyTimeUtc : departure;
  const projectedDelayMinutes = Math.max(0, minutesBetween(departure, ready) || 0);
  return { ready, projectedDelayMinutes, projectedArrivalTime: addMinutes(flight.arrivalTime, projectedDelayMinutes) };
}

/**
 * Flights the candidate could no longer fly: those departing while it operates
 * the disrupted flight (from its ready time to arrival plus a turnaround), and
 * the later ones it would be in the wrong place for, up to its first departure
 * from the disrupted flight's destination, where its rotation can resume.
 */
export function abandonedFlights(
  flights: readonly FlightNode[],
  ready: string | undefined,
  busyUntil: string | undefined,
  disrupted: FlightNode,
): FlightNode[] {
  if (!ready || !busyUntil) return [];
  const abandoned: FlightNode[] = [];
  for (const f of flights) {
    const dep = f.departureTime ?? '';
    if (dep < ready || f.flightId === disrupted.flightId) continue;
    if (dep >= busyUntil && upperOf(f.originAirport) === upperOf(disrupted.destinationAirport)) break;
    abandoned.push(f);
  }
  return abandoned;
}
