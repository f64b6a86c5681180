import { between, col, defineEntity } from './define.js';
import { CrewMembers } from './crew-members.js';
import { Flights } from './flights.js';

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
  table: { pk: ['CROSTER', col('roster_id')], sk: ['CROSTER'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['CROSTER', col('roster_id')],
      patterns: { crewOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    // A crew member's duties in time order.
    gsi2: {
      pk: ['CREW', col('crew_id')],
      sk: ['CROSTER', col('duty_start'), col('roster_id')],
      patterns: {
        rosterOfCrewMember: (crewId: string, dutyFrom?: string, dutyTo?: string) => ({
          crew_id: crewId,
          duty_start: dutyFrom || dutyTo ? between(dutyFrom, dutyTo) : undefined,
        }),
      },
    },
  },
  links: [
    {
      field: 'crewMember',
      to: () => CrewMembers,
      column: 'crew_id',
      inverse: {
        cardinality: 'many',
        as: 'roster',
        pattern: 'rosterOfCrewMember',
        graphql: 'list',
        orderBy: 'duty_start',
        window: { start: 'duty_start', end: 'duty_end', lookbackHours: 24 },
        description: 'Duties of this crew member overlapping [from, to] (default: the operating day), by duty start.',
      },
    },
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: {
        cardinality: 'many',
        as: 'crew',
        pattern: 'crewOfFlight',
        graphql: 'list',
        description: 'Roster lines of the crew on this flight (each with its crewMember).',
      },
    },
  ],
});
