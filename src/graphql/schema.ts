import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AircraftResolver } from './resolvers/aircraft.resolver.js';
import { BaggageResolver, BookingResolver } from './resolvers/booking.resolver.js';
import { CargoFlightAssignmentResolver, CargoShipmentResolver } from './resolvers/cargo.resolver.js';
import { CrewMemberResolver, CrewRosterEntryResolver } from './resolvers/crew.resolver.js';
import { AircraftSwapOptionResolver, DisruptedPassengerResolver, InboundFlightImpactResolver } from './resolvers/disrupted-passenger.resolver.js';
import { FlightResolver } from './resolvers/flight.resolver.js';
import {
  AircraftAvailabilityResolver,
  MaintenanceRosterEntryResolver,
  MaintenanceStaffResolver,
  MaintenanceWorkOrderResolver,
} from './resolvers/maintenance.resolver.js';
import { PassengerResolver } from './resolvers/passenger.resolver.js';
import { SeedResolver } from './resolvers/seed.resolver.js';
import { StatsResolver } from './resolvers/stats.resolver.js';
import { WeatherResolver } from './resolvers/weather.resolver.js';
import { DisruptionResolver } from './resolvers/disruption.resolver.js';
import { DeskResolver } from './resolvers/desk.resolver.js';

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
