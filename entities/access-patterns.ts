import type { AnyEntityModel } from './define.js';
import type { KeyCondition as KeyConditionOf } from './key-layout.js';
import {
  AircraftAvailability,
  AircraftSwapOptions,
  Baggage,
  Bookings,
  CargoFlightAssignments,
  CrewMembers,
  CrewRoster,
  DisruptedPassengers,
  Flights,
  InboundFlightImpact,
  MaintenanceRoster,
  MaintenanceWorkOrders,
  Passengers,
  Weather,
} from './index.js';
import { PASSENGER_LIST_SHARDS } from './passengers.js';

/** A key condition on the table or one GSI, bound to the entity it selects. */
export type KeyCondition = KeyConditionOf<AnyEntityModel>;

/**
 * Every list access pattern of the API, by name. Each is declared in its
 * entity's definition next to the index it reads (entities/<name>.ts); this is
 * the one list the executor (db/query.ts), the tests and the README's
 * access-pattern table read.
 */
export const ACCESS_PATTERNS = {
  ...Passengers.patterns,
  ...Flights.patterns,
  ...Weather.patterns,
  ...AircraftAvailability.patterns,
  ...MaintenanceWorkOrders.patterns,
  ...Bookings.patterns,
  ...Baggage.patterns,
  ...CrewRoster.patterns,
  ...CargoFlightAssignments.patterns,
  ...InboundFlightImpact.patterns,
  ...CrewMembers.patterns,
  ...MaintenanceRoster.patterns,
  ...DisruptedPassengers.patterns,
  ...AircraftSwapOptions.patterns,
} as const;

/** Every passenger: one key condition per listing shard, walked in order. */
export const allPassengers = (): KeyCondition[] =>
  Array.from({ length: PASSENGER_LIST_SHARDS }, (_, shard) => ACCESS_PATTERNS.passengerListShard(shard));

export type AccessPatternName = keyof typeof ACCESS_PATTERNS;
