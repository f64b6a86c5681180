import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AircraftResolver } from './resolvers/aircraft.resolver.js';
import { AircraftAvailabilityResolver } from './resolvers/aircraft-availability.resolver.js';
import { AircraftSwapOptionResolver } from './resolvers/aircraft-swap-option.resolver.js';
import { BaggageResolver } from './resolvers/baggage.resolver.js';
import { BookingResolver } from './resolvers/booking.resolver.js';
import { CargoFlightAssignmentResolver } from './resolvers/cargo-flight-assignment.resolver.js';
import { CargoShipmentResolver } from './resolvers/cargo-shipment.resolver.js';
import { CrewMemberResolver } from './resolvers/crew-member.resolver.js';
import { CrewRosterEntryResolver } from './resolvers/crew-roster-entry.resolver.js';
import { DisruptedPassengerResolver } from './resolvers/disrupted-passenger.resolver.js';
import { FlightResolver } from './resolvers/flight.resolver.js';
import { InboundFlightImpactResolver } from './resolvers/inbound-flight-impact.resolver.js';
import { MaintenanceRosterEntryResolver } from './resolvers/maintenance-roster-entry.resolver.js';
import { MaintenanceStaffResolver } from './resolvers/maintenance-staff.resolver.js';
import { MaintenanceWorkOrderResolver } from './resolvers/maintenance-work-order.resolver.js';
import { PassengerResolver } from './resolvers/passenger.resolver.js';
import { SeedResolver } from './resolvers/seed.resolver.js';
import { StatsResolver } from './resolvers/stats.resolver.js';
import { WeatherResolver } from './resolvers/weather.resolver.js';
import { DisruptionResolver } from './resolvers/disruption.resolver.js';
import { DeskResolver } from './resolvers/desk.resolver.js';
import { LINK_RESOLVERS } from './link-fields.js';
import { ActionsResolver, DisruptionActivityResolver } from './actions/actions.resolver.js';

export const RESOLVERS = [
  PassengerResolver,
  FlightResolver,
  AircraftResolver,
  WeatherResolver,
  DisruptedPassengerResolver,
  AircraftSwapOptionResolver,
  InboundFlightImpactResolver,
  BookingResolver,
  BaggageResolver,
  CrewMemberResolver,
  CrewRosterEntryResolver,
  CargoShipmentResolver,
  CargoFlightAssignmentResolver,
  MaintenanceWorkOrderResolver,
  MaintenanceStaffResolver,
  MaintenanceRosterEntryResolver,
  AircraftAvailabilityResolver,
  StatsResolver,
  SeedResolver,
  DisruptionResolver,
  DeskResolver,
  ActionsResolver,
  DisruptionActivityResolver,
  // The link fields, generated from the entities' links.
  ...LINK_RESOLVERS,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The gateway's schema, built once from the type-graphql classes. */
export function gatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...RESOLVERS], validate: false });
  return built;
}

/** The SDL committed as schema.graphql: sorted, so that it only changes when the API does. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await gatewaySchema()))}\n`;
}
