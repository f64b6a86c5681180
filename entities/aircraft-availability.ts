import { defineEntity, k, upper } from './define.js';

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
  primaryKey: ({ aircraft_registration, availability_start }) => ({
    pk: k('AC', aircraft_registration),
    sk: k('AVAIL', availability_start),
  }),
  indexes: {
    // Windows by status (every AOG aircraft), by start.
    gsi2: (r) =>
      r.availability_status ? { pk: k('AVAIL', upper(r.availability_status)), sk: k(r.availability_start, r.aircraft_registration) } : undefined,
  },
  belongsTo: [{ parent: 'Aircraft', column: 'aircraft_registration', as: 'availability' }],
});
