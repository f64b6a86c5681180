import { defineEntity, k } from './define.js';

/** Crew duty lines. Shares `roster_id` values with MaintenanceRoster: the CROSTER prefix keeps them apart. */
export const CrewRoster = defineEntity({
  name: 'CrewRoster',
  typeName: 'CrewRosterEntry',
  file: 'crew_roster.csv',
  columns: {
    roster_id: 'string',
    crew_id: 'string',
    flight_id: 'string',
    position: 'string',
    duty_start: 'datetime',
    duty_end: 'datetime',
    roster_status: 'string',
  },
  key: ['roster_id'],
  primaryKey: ({ roster_id }) => ({ pk: k('CROSTER', roster_id), sk: 'CROSTER' }),
  indexes: {
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('CROSTER', r.roster_id) } : undefined),
    // A crew member's duties in time order.
    gsi2: (r) => (r.crew_id ? { pk: k('CREW', r.crew_id), sk: k('CROSTER', r.duty_start, r.roster_id) } : undefined),
  },
  belongsTo: [
    { parent: 'Flights', column: 'flight_id', as: 'crew' },
    { parent: 'CrewMembers', column: 'crew_id', as: 'roster' },
  ],
});
