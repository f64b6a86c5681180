import type {
  AircraftAvailability,
  AircraftSwapOptions,
  Baggage,
  CargoFlightAssignments,
  CargoShipments,
  CrewMembers,
  CrewRoster,
  DisruptedPassengers,
  Flights,
  InboundFlightImpact,
  MaintenanceRoster,
  MaintenanceStaff,
  MaintenanceWorkOrders,
  Passengers,
  Weather,
} from '../../entities/index.js';
import type { NodeOf } from '../../db/nodes.js';

export type FlightNode = NodeOf<typeof Flights>;
export type PassengerNode = NodeOf<typeof Passengers>;
export type DisruptedNode = NodeOf<typeof DisruptedPassengers>;
export type BagNode = NodeOf<typeof Baggage>;
export type AssignmentNode = NodeOf<typeof CargoFlightAssignments>;
export type ShipmentNode = NodeOf<typeof CargoShipments>;
export type RosterNode = NodeOf<typeof CrewRoster>;
export type CrewNode = NodeOf<typeof CrewMembers>;
export type ImpactNode = NodeOf<typeof InboundFlightImpact>;
export type SwapNode = NodeOf<typeof AircraftSwapOptions>;
export type AvailabilityNode = NodeOf<typeof AircraftAvailability>;
export type WorkOrderNode = NodeOf<typeof MaintenanceWorkOrders>;
export type ShiftNode = NodeOf<typeof MaintenanceRoster>;
export type StaffNode = NodeOf<typeof MaintenanceStaff>;
export type ForecastNode = NodeOf<typeof Weather>;

/** Minutes from a to b (ISO strings); NaN when either is missing. */
export function minutesBetween(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return Number.NaN;
  return Math.round((Date.parse(b) - Date.parse(a)) / 60_000);
}

export function addMinutes(time: string | undefined, minutes: number): string | undefined {
  if (!time) return undefined;
  return new Date(Date.parse(time) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The last second of the UTC day `days` after the day of `time` (0: that same day). */
export function endOfUtcDay(time: string, days = 0): string {
  const t = new Date(Date.parse(time));
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + days, 23, 59, 59)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const upperOf = (value: string | undefined) => (value ?? '').trim().toUpperCase();

/** A count under a key (a cabin, a category, a status, a code ...): the GraphQL KeyCount. */
export interface KeyCount {
  readonly key: string;
  readonly count: number;
}

/** Counts by a key, in descending count order (then key). */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): KeyCount[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item) || 'UNKNOWN';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Kilograms (and other sums) to two decimals. */
export const round = (n: number) => Math.round(n * 100) / 100;

/** A flight's departure as now expected: its estimated departure (delayFlight) where it has one, else the scheduled one. */
export const departureOf = (f: { readonly departureTime?: string | undefined; readonly estimatedDepartureTime?: string | undefined }) =>
  f.estimatedDepartureTime ?? f.departureTime;

/** A flight's arrival as now expected: its estimated arrival where it has one, else the scheduled one. */
export const arrivalOf = (f: { readonly arrivalTime?: string | undefined; readonly estimatedArrivalTime?: string | undefined }) =>
  f.estimatedArrivalTime ?? f.arrivalTime;

/** Minutes a flight is expected late against its schedule (delayFlight's estimated departure; 0 without one). */
export const ownDelayOf = (f: { readonly departureTime?: string | undefined; readonly estimatedDepartureTime?: string | undefined }) =>
  Math.max(0, minutesBetween(f.departureTime, f.estimatedDepartureTime) || 0);
