import { between, col, defineEntity } from './define.js';
import { Flights } from './flights.js';

/** What-if scenarios for a disrupted inbound flight. */
export const InboundFlightImpact = defineEntity({
  name: 'InboundFlightImpact',
  typeName: 'InboundFlightImpact',
  file: 'inbound_flight_impact.csv',
  columns: {
    scenario: 'string',
    flight_id: 'string',
    delay_minutes: 'integer',
    scenario_description: 'string',
    root_cause: 'string',
    probability: 'number',
    downstream_effect: 'string',
    // Outside the contract: the flight's departure_time, copied from its Flights row as the
    // scenario loads (the `flight` link's `copies`). A scenario belongs to its flight's day,
    // and only the flight's row says which day that is (a flight id is just a key).
    flight_departure_time: 'datetime',
  },
  key: ['scenario'],
  table: { pk: ['IMPACT', col('scenario')], sk: ['IMPACT'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['IMPACT', col('scenario')],
      patterns: { impactsOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    // Every scenario by its flight's departure: a day (a window) is one key condition, so a
    // read costs the scenarios of its window, whatever the days the table keeps. A scenario
    // whose flight was not in the load has no day: its flight lists it (impactsOfFlight).
    gsi2: {
      pk: ['IMPACT'],
      sk: [col('flight_departure_time'), col('flight_id'), col('scenario')],
      requires: ['flight_departure_time'],
      patterns: {
        allInboundImpacts: (departureFrom?: string, departureTo?: string) => ({
          flight_departure_time: departureFrom || departureTo ? between(departureFrom, departureTo) : undefined,
        }),
      },
    },
  },
  links: [
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      copies: { flight_departure_time: 'departure_time' },
      inverse: { cardinality: 'many', as: 'impacts', pattern: 'impactsOfFlight', graphql: 'none' },
    },
  ],
});
