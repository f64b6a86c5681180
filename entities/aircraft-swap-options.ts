import { col, defineEntity } from './define.js';
import { aircraftLink } from './aircraft.js';

/** Aircraft that could take over the disrupted flight; in the aircraft's collection. */
export const AircraftSwapOptions = defineEntity({
  name: 'AircraftSwapOptions',
  typeName: 'AircraftSwapOption',
  file: 'aircraft_swap_options.csv',
  columns: {
    aircraft_registration: 'string',
    aircraft_type: 'string',
    swap_feasibility: 'string',
    feasibility_reason: 'string',
    current_location: 'string',
    ready_time_utc: 'datetime',
    swap_cost_usd: 'number',
    seat_capacity: 'integer',
    crew_change_required: 'flag',
    passenger_impact: 'string',
  },
  key: ['aircraft_registration'],
  table: { pk: ['AC', col('aircraft_registration')], sk: ['SWAP'] },
  indexes: {
    // All swap options: one small partition.
    gsi2: { pk: ['SWAP'], sk: [col('aircraft_registration')], patterns: { allSwapOptions: () => ({}) } },
  },
  links: [aircraftLink({ cardinality: 'one', as: 'swapOption' })],
});
