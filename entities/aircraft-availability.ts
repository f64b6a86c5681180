import { col, defineEntity, upperCol } from './define.js';
import { AircraftTarget } from './aircraft.js';

/** Availability windows of an aircraft; they live in the aircraft's item collection. */
export const AircraftAvailability = defineEntity({
  name: 'AircraftAvailability',
  typeName: 'AircraftAvailability',
  file: 'aircraft_availability.csv',
  columns: {
    aircraft_registration: 'string',
    availability_start: 'datetime',
    availability_end: 'datetime',
    availability_status: 'string',
    aircraft_type: 'string',
    location: 'string',
    mel_status: 'string',
    mel_category: 'string',
    mel_dispatch_impact: 'string',
    remarks: 'string',
  },
  key: ['aircraft_registration', 'availability_start'],
  table: {
    pk: ['AC', col('aircraft_registration')],
    sk: ['AVAIL', col('availability_start')],
    patterns: { availabilityOfAircraft: (registration: string) => ({ aircraft_registration: registration }) },
  },
  indexes: {
    // Windows by status (every AOG aircraft), by start.
    gsi2: {
      pk: ['AVAIL', upperCol('availability_status')],
      sk: [col('availability_start'), col('aircraft_registration')],
      patterns: { availabilityByStatus: (status: string) => ({ availability_status: status }) },
    },
  },
  links: [
    {
      field: 'aircraft',
      to: () => AircraftTarget,
      column: 'aircraft_registration',
      inverse: {
        cardinality: 'many',
        as: 'availability',
        pattern: 'availabilityOfAircraft',
        graphql: 'list',
        orderBy: 'availability_start',
        description: 'Availability windows, by start.',
      },
    },
  ],
});
