import { col, defineEntity } from './define.js';

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
  table: { pk: ['SHIP', col('shipment_id')], sk: ['SHIP'] },
});
