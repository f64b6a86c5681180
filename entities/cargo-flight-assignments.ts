import { col, defineEntity } from './define.js';
import { CargoShipments } from './cargo-shipments.js';
import { Flights } from './flights.js';

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
  table: { pk: ['CARGO', col('assignment_id')], sk: ['CARGO'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['CARGO', col('assignment_id')],
      patterns: { cargoOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    gsi2: {
      pk: ['SHIP', col('shipment_id')],
      sk: ['CARGO', col('assignment_id')],
      patterns: { assignmentsOfShipment: (shipmentId: string) => ({ shipment_id: shipmentId }) },
    },
  },
  links: [
    {
      field: 'shipment',
      to: () => CargoShipments,
      column: 'shipment_id',
      inverse: { cardinality: 'many', as: 'assignments', pattern: 'assignmentsOfShipment', graphql: 'list' },
    },
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: {
        cardinality: 'many',
        as: 'cargo',
        pattern: 'cargoOfFlight',
        graphql: 'list',
        description: 'Cargo assigned to this flight (each with its shipment).',
      },
    },
  ],
});
