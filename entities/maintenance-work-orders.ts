import { col, defineEntity, upperCol } from './define.js';
import { aircraftLink } from './aircraft.js';

/** Statuses of a work order that still needs doing (the rest, CLOSED ..., are done). */
export const OPEN_WORK_ORDER_STATUSES = ['OPEN', 'IN_PROGRESS', 'DEFERRED'] as const;

export const MaintenanceWorkOrders = defineEntity({
  name: 'MaintenanceWorkOrders',
  typeName: 'MaintenanceWorkOrder',
  file: 'maintenance_work_orders.csv',
  columns: {
    workorder_id: 'string',
    aircraft_registration: 'string',
    status: 'string',
    priority: 'string',
    description: 'string',
    ata_chapter: 'string',
    mel_item: 'string',
    opened_at: 'datetime',
    due_at: 'datetime',
    estimated_hours: 'number',
  },
  key: ['workorder_id'],
  table: { pk: ['WO', col('workorder_id')], sk: ['WO'] },
  indexes: {
    // An aircraft's work orders by due time.
    gsi1: {
      pk: ['AC', col('aircraft_registration')],
      sk: ['WO', col('due_at'), col('workorder_id')],
      patterns: { workOrdersOfAircraft: (registration: string) => ({ aircraft_registration: registration }) },
    },
    // Sparse: an aircraft's open work orders (not yet closed), by due time: what the desk
    // checks, without the closed ones of every past day.
    gsi3: {
      pk: ['AC', col('aircraft_registration')],
      sk: ['WOOPEN', col('due_at'), col('workorder_id')],
      only: { status: [...OPEN_WORK_ORDER_STATUSES] },
      patterns: { openWorkOrdersOfAircraft: (registration: string) => ({ aircraft_registration: registration }) },
    },
    // Work orders by status (OPEN, DEFERRED ...), by due time.
    gsi2: {
      pk: ['WOSTATUS', upperCol('status')],
      sk: [col('due_at'), col('workorder_id')],
      patterns: { workOrdersByStatus: (status: string) => ({ status }) },
    },
  },
  links: [
    aircraftLink({
      cardinality: 'many',
      as: 'workOrders',
      pattern: 'openWorkOrdersOfAircraft',
      graphql: 'list',
      orderBy: 'due_at',
      only: { status: [...OPEN_WORK_ORDER_STATUSES] },
      description: 'Open work orders (OPEN, IN_PROGRESS, DEFERRED), by due time: closed ones are history.',
    }),
  ],
});
