import { defineEntity, k } from './define.js';

export const CargoFlightAssignments = defineEntity({
  name: 'CargoFlightAssignments',
  typeName: 'CargoFlightAssignment',
  file: 'cargo_flight_assignments.csv',
  columns: {
    assignment_id: 'string',
    shipment_id: 'string',
    flight_id: 'string',
    pieces: 'integer',
    weight_kg: 'number',
    status: 'string',
    uld_number: 'string',
  },
  key: ['assignment_id'],
  primaryKey: ({ assignment_id }) => ({ pk: k('CARGO', assignment_id), sk: 'CARGO' }),
  indexes: {
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('CARGO', r.assignment_id) } : undefined),
    gsi2: (r) => (r.shipment_id ? { pk: k('SHIP', r.shipment_id), sk: k('CARGO', r.assignment_id) } : undefined),
  },
  belongsTo: [
    { parent: 'Flights', column: 'flight_id', as: 'cargo' },
    { parent: 'CargoShipments', column: 'shipment_id', as: 'assignments' },
  ],
});
