import { defineEntity, k, upper } from './define.js';

export const CargoShipments = defineEntity({
  name: 'CargoShipments',
  typeName: 'CargoShipment',
  file: 'cargo_shipments.csv',
  columns: {
    shipment_id: 'string',
    awb_number: 'string',
    origin_airport: 'string',
    destination_airport: 'string',
    commodity: 'string',
    weight_kg: 'number',
    priority: 'string',
    special_handling: 'list',
    pieces: 'integer',
    shipper: 'string',
    consignee: 'string',
  },
  key: ['shipment_id'],
  primaryKey: ({ shipment_id }) => ({ pk: k('SHIP', shipment_id), sk: 'SHIP' }),
  indexes: {
    // Shipments by route.
    gsi2: (r) => (r.origin_airport ? { pk: k('SHIPORIG', upper(r.origin_airport)), sk: k(upper(r.destination_airport), r.shipment_id) } : undefined),
  },
});
