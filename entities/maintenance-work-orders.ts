import { defineEntity, k, upper } from './define.js';

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
  primaryKey: ({ workorder_id }) => ({ pk: k('WO', workorder_id), sk: 'WO' }),
  indexes: {
    // An aircraft's work orders by due time.
    gsi1: (r) => (r.aircraft_registration ? { pk: k('AC', r.aircraft_registration), sk: k('WO', r.due_at, r.workorder_id) } : undefined),
    // Work orders by status (OPEN, DEFERRED ...), by due time.
    gsi2: (r) => (r.status ? { pk: k('WOSTATUS', upper(r.status)), sk: k(r.due_at, r.workorder_id) } : undefined),
  },
  belongsTo: [{ parent: 'Aircraft', column: 'aircraft_registration', as: 'workOrders' }],
});
