import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphQLField } from 'graphql';
import { gatewaySchema, schemaSdl } from '../src/graphql/schema.js';
import { REPO_ROOT } from './helpers.js';

describe('schema.graphql', () => {
  it('is what the code emits (run `npm run schema` after changing the API)', async () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8');
    expect(await schemaSdl()).toBe(committed);
  });

  it('keeps the names clients rely on', async () => {
    const schema = await gatewaySchema();
    const signature = (field: GraphQLField<unknown, unknown>) =>
      `${field.name}${
        field.args.length
          ? `(${[...field.args]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((a) => `${a.name}: ${String(a.type)}`)
              .join(', ')})`
          : ''
      }: ${String(field.type)}`;
    const sdl = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.values(t.getFields()).map(signature)).join('\n');
    for (const field of [
      'passenger(passengerId: ID!): Passenger',
      'passengers(after: String, filter: PassengerFilter, first: Int): PassengerConnection!',
      'flight(flightId: ID!): Flight',
      'flights(after: String, filter: FlightFilter, first: Int): FlightConnection!',
      'aircraft(registration: ID!): Aircraft',
      'weather(after: String, airportCode: String!, first: Int, from: DateTime, to: DateTime): WeatherForecastConnection!',
      'disruptedPassengers(after: String, filter: DisruptedPassengerFilter, first: Int): DisruptedPassengerConnection!',
      'aircraftSwapOptions: [AircraftSwapOption!]!',
      // The window is optional (nullable arguments): a client that sends none keeps working.
      'inboundFlightImpacts(from: DateTime, to: DateTime): [InboundFlightImpact!]!',
      'tableStats: [EntityStat!]!',
      'seed(input: SeedInput): SeedReport!',
      'aircraftAvailability(availabilityStart: DateTime!, registration: ID!): AircraftAvailability',
      'weatherForecast(airportCode: String!, forecastTimeZulu: DateTime!): WeatherForecast',
    ]) {
      expect(sdl).toContain(field);
    }
  });
});
