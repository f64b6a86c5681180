import { k, upper } from './define.js';
import { PASSENGER_LIST_SHARDS } from './passengers.js';
import type { GsiName } from './table.js';

/** A key condition on the table or one GSI: the partition, and optionally a sort-key prefix or range. */
export interface KeyCondition {
  /** Entity the condition selects (the key condition alone selects it: no FilterExpression needed). */
  readonly entity: string;
  readonly index: GsiName | 'table';
  readonly partition: string;
  readonly beginsWith?: string;
  /** Inclusive sort-key range. */
  readonly between?: readonly [string, string];
}

const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Y' : 'N');

/**
 * Every list access pattern of the API, as a function from its arguments to a key
 * condition. The executor (db/query.ts), the tests and the README's
 * access-pattern table all read this one list.
 */
export const ACCESS_PATTERNS = {
  passengersOfFlight: (flightId: string, category?: string, isInfluencer?: boolean): KeyCondition => ({
    entity: 'Passengers',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: category ? `${k('PAX', upper(category))}#${isInfluencer === undefined ? '' : `${flag(isInfluencer)}#`}` : 'PAX#',
  }),
  passengersByCategory: (category: string, isInfluencer?: boolean): KeyCondition => ({
    entity: 'Passengers',
    index: 'gsi2',
    partition: k('PAXCAT', upper(category)),
    ...(isInfluencer === undefined ? {} : { beginsWith: `${flag(isInfluencer)}#` }),
  }),
  passengersByInfluencer: (isInfluencer: boolean): KeyCondition => ({
    entity: 'Passengers',
    index: 'gsi3',
    partition: k('PAXINF', isInfluencer),
  }),
  flightsOfAircraft: (registration: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi1',
    partition: k('AC', registration),
    beginsWith: 'FLT#',
  }),
  flightsFromOrigin: (origin: string, destination?: string, departureRange?: readonly [string, string]): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi2',
    partition: k('ORIG', upper(origin)),
    ...(destination && departureRange
      ? { between: [k(upper(destination), departureRange[0]), k(upper(destination), departureRange[1], '\uffff')] as const }
      : destination
        ? { beginsWith: `${upper(destination)}#` }
        : {}),
  }),
  departuresFromOriginBetween: (origin: string, from: string, to: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi6',
    partition: k('DEP', upper(origin)),
    between: [from, `${to}#\uffff`],
  }),
  flightsToDestination: (destination: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi3',
    partition: k('DEST', upper(destination)),
  }),
  flightsByMelStatus: (melStatus: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi4',
    partition: k('MEL', upper(melStatus)),
  }),
  weatherOfAirport: (airportCode: string, from?: string, to?: string): KeyCondition => ({
    entity: 'Weather',
    index: 'table',
    partition: k('WX', upper(airportCode)),
    ...(from || to ? { between: [k('WX', from ?? '0000'), k('WX', to ?? '9999')] as const } : { beginsWith: 'WX#' }),
  }),
  weatherWithImpact: (from: string, to: string): KeyCondition => ({
    entity: 'Weather',
    index: 'gsi2',
    partition: 'WXIMPACT',
    between: [from, `${to}#\uffff`],
  }),
  availabilityOfAircraft: (registration: string): KeyCondition => ({
    entity: 'AircraftAvailability',
    index: 'table',
    partition: k('AC', registration),
    beginsWith: 'AVAIL#',
  }),
  availabilityByStatus: (status: string): KeyCondition => ({
    entity: 'AircraftAvailability',
    index: 'gsi2',
    partition: k('AVAIL', upper(status)),
  }),
  workOrdersOfAircraft: (registration: string): KeyCondition => ({
    entity: 'MaintenanceWorkOrders',
    index: 'gsi1',
    partition: k('AC', registration),
    beginsWith: 'WO#',
  }),
  workOrdersByStatus: (status: string): KeyCondition => ({
    entity: 'MaintenanceWorkOrders',
    index: 'gsi2',
    partition: k('WOSTATUS', upper(status)),
  }),
  bookingsOfPassenger: (passengerId: string): KeyCondition => ({
    entity: 'Bookings',
    index: 'gsi2',
    partition: k('PAX', passengerId),
    beginsWith: 'BKG#',
  }),
  baggageOfPassenger: (passengerId: string): KeyCondition => ({
    entity: 'Baggage',
    index: 'gsi2',
    partition: k('PAX', passengerId),
    beginsWith: 'BAG#',
  }),
  bookingsOfFlight: (flightId: string): KeyCondition => ({
    entity: 'Bookings',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: 'BKG#',
  }),
  baggageOfFlight: (flightId: string): KeyCondition => ({
    entity: 'Baggage',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: 'BAG#',
  }),
  crewOfFlight: (flightId: string): KeyCondition => ({
    entity: 'CrewRoster',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: 'CROSTER#',
  }),
  cargoOfFlight: (flightId: string): KeyCondition => ({
    entity: 'CargoFlightAssignments',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: 'CARGO#',
  }),
  impactsOfFlight: (flightId: string): KeyCondition => ({
    entity: 'InboundFlightImpact',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith: 'IMPACT#',
  }),
  assignmentsOfShipment: (shipmentId: string): KeyCondition => ({
    entity: 'CargoFlightAssignments',
    index: 'gsi2',
    partition: k('SHIP', shipmentId),
    beginsWith: 'CARGO#',
  }),
  rosterOfCrewMember: (crewId: string): KeyCondition => ({
    entity: 'CrewRoster',
    index: 'gsi2',
    partition: k('CREW', crewId),
    beginsWith: 'CROSTER#',
  }),
  crewAtBase: (base: string): KeyCondition => ({
    entity: 'CrewMembers',
    index: 'gsi2',
    partition: k('CREWBASE', upper(base)),
  }),
  rosterOfMaintenanceStaff: (staffId: string): KeyCondition => ({
    entity: 'MaintenanceRoster',
    index: 'gsi2',
    partition: k('MSTAFF', staffId),
    beginsWith: 'MROSTER#',
  }),
  rosterOfWorkOrder: (workorderId: string): KeyCondition => ({
    entity: 'MaintenanceRoster',
    index: 'gsi1',
    partition: k('WO', workorderId),
    beginsWith: 'MROSTER#',
  }),
  disruptedOfFlight: (flightId: string, hasConnection?: boolean, requiresHotel?: boolean): KeyCondition => ({
    entity: 'DisruptedPassengers',
    index: 'gsi1',
    partition: k('FLT', flightId),
    beginsWith:
      hasConnection === undefined ? 'DPAX#' : `${k('DPAX', flag(hasConnection))}#${requiresHotel === undefined ? '' : `${flag(requiresHotel)}#`}`,
  }),
  disruptedByConnection: (hasConnection: boolean, requiresHotel?: boolean): KeyCondition => ({
    entity: 'DisruptedPassengers',
    index: 'gsi2',
    partition: k('DPAXCONN', hasConnection),
    ...(requiresHotel === undefined ? {} : { beginsWith: `${flag(requiresHotel)}#` }),
  }),
  disruptedByHotel: (requiresHotel: boolean): KeyCondition => ({
    entity: 'DisruptedPassengers',
    index: 'gsi3',
    partition: k('DPAXHOTEL', requiresHotel),
  }),
  disruptedByRebookingStatus: (status: string): KeyCondition => ({
    entity: 'DisruptedPassengers',
    index: 'gsi4',
    partition: k('REBOOK', upper(status)),
  }),
  allFlights: (): KeyCondition => ({ entity: 'Flights', index: 'gsi5', partition: 'FLTLIST' }),
  flightsDepartingBetween: (from: string, to: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi5',
    partition: 'FLTLIST',
    between: [from, `${to}#\uffff`],
  }),
  melFlightsDepartingBetween: (from: string, to: string): KeyCondition => ({
    entity: 'Flights',
    index: 'gsi4',
    partition: 'MEL#ACTIVE',
    between: [from, `${to}#\uffff`],
  }),
  allCrewMembers: (): KeyCondition => ({ entity: 'CrewMembers', index: 'gsi5', partition: 'CREWLIST' }),
  allDisruptedPassengers: (): KeyCondition => ({ entity: 'DisruptedPassengers', index: 'gsi5', partition: 'DPAXLIST' }),
  allSwapOptions: (): KeyCondition => ({ entity: 'AircraftSwapOptions', index: 'gsi2', partition: 'SWAP' }),
  allInboundImpacts: (): KeyCondition => ({ entity: 'InboundFlightImpact', index: 'gsi2', partition: 'IMPACT' }),
} as const;

/** Every passenger: one key condition per listing shard, walked in order. */
export const allPassengers = (): KeyCondition[] =>
  Array.from({ length: PASSENGER_LIST_SHARDS }, (_, shard) => ({
    entity: 'Passengers',
    index: 'gsi5' as const,
    partition: k('PAXLIST', shard),
  }));

export type AccessPatternName = keyof typeof ACCESS_PATTERNS;
