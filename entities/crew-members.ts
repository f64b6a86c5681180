import { col, defineEntity, upperCol } from './define.js';

export const CrewMembers = defineEntity({
  name: 'CrewMembers',
  typeName: 'CrewMember',
  file: 'crew_members.csv',
  columns: {
    crew_id: 'string',
    first_name: 'string',
    last_name: 'string',
    rank: 'string',
    base: 'string',
    qualified_aircraft_types: 'list',
    duty_hours_last_7d: 'number',
    duty_hours_last_28d: 'number',
    flight_hours_last_365d: 'number',
    employment_status: 'string',
  },
  key: ['crew_id'],
  personal: ['first_name', 'last_name'],
  table: { pk: ['CREW', col('crew_id')], sk: ['CREW'] },
  indexes: {
    // Crew at a base by rank (standby crew search).
    gsi2: { pk: ['CREWBASE', upperCol('base')], sk: [upperCol('rank'), col('crew_id')], patterns: { crewAtBase: (base: string) => ({ base }) } },
    // Every crew member (the desk counts crew qualified on a type across bases).
    gsi5: { pk: ['CREWLIST'], sk: [col('crew_id')], patterns: { allCrewMembers: () => ({}) } },
  },
});
