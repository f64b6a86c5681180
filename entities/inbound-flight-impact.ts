import { col, defineEntity } from './define.js';
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
  },
  key: ['scenario'],
  table: { pk: ['IMPACT', col('scenario')], sk: ['IMPACT'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['IMPACT', col('scenario')],
      patterns: { impactsOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    // All scenarios: one small partition.
    gsi2: { pk: ['IMPACT'], sk: [col('scenario')], patterns: { allInboundImpacts: () => ({}) } },
  },
  links: [
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: { cardinality: 'many', as: 'impacts', pattern: 'impactsOfFlight', graphql: 'none' },
    },
  ],
});
