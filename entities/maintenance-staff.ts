import { col, defineEntity } from './define.js';

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
  table: { pk: ['MSTAFF', col('staff_id')], sk: ['MSTAFF'] },
});
