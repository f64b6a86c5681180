import { defineEntity, k } from './define.js';

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
  primaryKey: ({ scenario }) => ({ pk: k('IMPACT', scenario), sk: 'IMPACT' }),
  indexes: {
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('IMPACT', r.scenario) } : undefined),
    // All scenarios: one small partition.
    gsi2: (r) => ({ pk: 'IMPACT', sk: r.scenario! }),
  },
  belongsTo: [{ parent: 'Flights', column: 'flight_id', as: 'impacts' }],
});
