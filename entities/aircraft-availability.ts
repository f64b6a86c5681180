import { between, col, defineEntity, upperCol } from './define.js';
import { aircraftLink } from './aircraft.js';

/** Availability windows of an aircraft; they live in the aircraft's item collection. */
/** Statuses of a window in which the aircraft cannot fly. */
export const GROUNDED_STATUSES = ['AOG', 'MAINT'] as const;

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
    // An aircraft's windows by end (open-ended last): "the windows still open at T" is a
    // range from T, whatever history the table keeps before it.
    gsi1: {
      pk: ['AC', col('aircraft_registration')],
      sk: ['AVEND', col('availability_end', { ifAbsent: '9999' }), col('availability_start')],
      patterns: {
        availabilityOfAircraftEndingFrom: (registration: string, from?: string) => ({
          aircraft_registration: registration,
          availability_end: between(from, undefined),
        }),
      },
    },
    // Sparse: an aircraft's grounded windows (AOG, MAINT) by start: its latest grounding is the
    // last one, whatever history the table keeps.
    gsi3: {
      pk: ['AC', col('aircraft_registration')],
      sk: ['GROUNDED', col('availability_start')],
      only: { availability_status: [...GROUNDED_STATUSES] },
      patterns: { groundedWindowsOfAircraft: (registration: string) => ({ aircraft_registration: registration }) },
    },
    // Windows by status (every AOG aircraft), by start.
    gsi2: {
      pk: ['AVAIL', upperCol('availability_status')],
      sk: [col('availability_start'), col('aircraft_registration')],
      patterns: { availabilityByStatus: (status: string) => ({ availability_status: status }) },
    },
  },
  links: [
    aircraftLink({
      cardinality: 'many',
      as: 'availability',
      pattern: 'availabilityOfAircraftEndingFrom',
      graphql: 'list',
      orderBy: 'availability_start',
      window: { start: 'availability_start', end: 'availability_end' },
      description: 'Availability windows overlapping [from, to] (default: the operating day), by start.',
    }),
  ],
});
