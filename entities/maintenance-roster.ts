import { between, col, defineEntity } from './define.js';
import { MaintenanceStaff } from './maintenance-staff.js';
import { MaintenanceWorkOrders } from './maintenance-work-orders.js';

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
  table: { pk: ['MROSTER', col('roster_id')], sk: ['MROSTER'] },
  indexes: {
    // Staff rostered on a work order, by shift start.
    gsi1: {
      pk: ['WO', col('workorder_id')],
      sk: ['MROSTER', col('shift_start'), col('roster_id')],
      patterns: { rosterOfWorkOrder: (workorderId: string) => ({ workorder_id: workorderId }) },
    },
    // A staff member's shifts, by start.
    gsi2: {
      pk: ['MSTAFF', col('staff_id')],
      sk: ['MROSTER', col('shift_start'), col('roster_id')],
      patterns: {
        rosterOfMaintenanceStaff: (staffId: string, shiftFrom?: string, shiftTo?: string) => ({
          staff_id: staffId,
          shift_start: shiftFrom || shiftTo ? between(shiftFrom, shiftTo) : undefined,
        }),
      },
    },
  },
  links: [
    {
      field: 'staff',
      to: () => MaintenanceStaff,
      column: 'staff_id',
      inverse: {
        cardinality: 'many',
        as: 'roster',
        pattern: 'rosterOfMaintenanceStaff',
        graphql: 'list',
        orderBy: 'shift_start',
        window: { start: 'shift_start', end: 'shift_end', lookbackHours: 24 },
        description: 'Shifts of this staff member overlapping [from, to] (default: the operating day), by start.',
      },
    },
    {
      field: 'workOrder',
      to: () => MaintenanceWorkOrders,
      column: 'workorder_id',
      inverse: {
        cardinality: 'many',
        as: 'roster',
        pattern: 'rosterOfWorkOrder',
        graphql: 'list',
        orderBy: 'shift_start',
        description: 'Maintenance shifts rostered on this work order.',
      },
    },
  ],
});
