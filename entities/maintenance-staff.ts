import { defineEntity, k, upper } from './define.js';

export const MaintenanceStaff = defineEntity({
  name: 'MaintenanceStaff',
  typeName: 'MaintenanceStaff',
  file: 'maintenance_staff.csv',
  columns: {
    staff_id: 'string',
    first_name: 'string',
    last_name: 'string',
    role: 'string',
    licence: 'string',
    base: 'string',
    shift_pattern: 'string',
  },
  key: ['staff_id'],
  personal: ['first_name', 'last_name'],
  primaryKey: ({ staff_id }) => ({ pk: k('MSTAFF', staff_id), sk: 'MSTAFF' }),
  indexes: {
    gsi2: (r) => (r.base ? { pk: k('MSTAFFBASE', upper(r.base)), sk: k(upper(r.role), r.staff_id) } : undefined),
  },
});
