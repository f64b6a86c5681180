import { defineEntity, k } from './define.js';

/** Maintenance shifts on work orders. Shares `roster_id` values with CrewRoster: the MROSTER prefix keeps them apart. */
export const MaintenanceRoster = defineEntity({
  name: 'MaintenanceRoster',
  typeName: 'MaintenanceRosterEntry',
  file: 'maintenance_roster.csv',
  columns: {
    roster_id: 'string',
    staff_id: 'string',
    workorder_id: 'string',
    shift_start: 'datetime',
    shift_end: 'datetime',
    location: 'string',
    task: 'string',
  },
  key: ['roster_id'],
  primaryKey: ({ roster_id }) => ({ pk: k('MROSTER', roster_id), sk: 'MROSTER' }),
  indexes: {
    // Staff rostered on a work order, by shift start.
    gsi1: (r) => (r.workorder_id ? { pk: k('WO', r.workorder_id), sk: k('MROSTER', r.shift_start, r.roster_id) } : undefined),
    // A staff member's shifts, by start.
    gsi2: (r) => (r.staff_id ? { pk: k('MSTAFF', r.staff_id), sk: k('MROSTER', r.shift_start, r.roster_id) } : undefined),
  },
  belongsTo: [
    { parent: 'MaintenanceWorkOrders', column: 'workorder_id', as: 'roster' },
    { parent: 'MaintenanceStaff', column: 'staff_id', as: 'roster' },
  ],
});
