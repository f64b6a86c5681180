// Belly cargo: shipments and their flight assignments. The disrupted flight carries a
// sensitive mix (PER, AVI, DGR, VAL...) that has to be re-protected on the later CDG-AUH services.

import { fixed, type Row } from './csv.js';
import { type Flight, laterFlights, type Schedule } from './flights.js';
import type { Rng } from './prng.js';
import { HUB, TYPES } from './reference.js';

export const SHIPMENT_TARGET = 100;

export type CargoPriority = 'URGENT' | 'HIGH' | 'STANDARD';

export interface Shipment {
  readonly id: string;
  readonly awb: string;
  readonly origin: string;
  readonly destination: string;
  readonly commodity: string;
  readonly weight: number;
  readonly priority: CargoPriority;
  readonly handling: readonly string[];
  readonly pieces: number;
  readonly shipper: string;
  readonly consignee: string;
}

export interface Assignment {
  readonly id: string;
  readonly shipment: Shipment;
  readonly flight: Flight;
  readonly pieces: number;
  readonly weight: number;
  readonly status: 'BOOKED' | 'MANIFESTED' | 'LOADED' | 'OFFLOADED';
  readonly uld: string;
}

export interface CargoPlan {
  readonly shipments: readonly Shipment[];
  readonly assignments: readonly Assignment[];
}

type Commodity = readonly [commodity: string, handling: string, pieces: [number, number], kgPerPiece: [number, number]];

/** What the disrupted CDG-AUH flight carries. */
const DISRUPTED_LOAD: readonly Commodity[] = [
  ['Fresh oysters and seafood', 'PER;COL', [20, 40], [12, 20]],
  ['French cheeses', 'PER', [15, 30], [8, 15]],
  ['Two pedigree dogs in kennels', 'AVI', [2, 2], [25, 40]],
  ['Perfume samples UN1266, class 3', 'DGR', [6, 12], [5, 12]],
  ['Lithium ion batteries packed with equipment UN3481', 'DGR', [4, 10], [8, 20]],
  ['Luxury watches', 'VAL', [1, 3], [3, 8]],
  ['Fine jewellery', 'VAL', [1, 2], [2, 5]],
  ['Vaccines 2-8 C', 'PIL;COL', [10, 24], [10, 18]],
  ['Human remains for repatriation', 'HUM', [1, 1], [120, 180]],
  ['Fresh foie gras on dry ice UN1845', 'PER;ICE;DGR', [8, 16], [6, 10]],
  ['Haute couture garments', '', [10, 25], [8, 14]],
  ['Automotive spare parts', '', [20, 60], [10, 30]],
  ['Printed matter', '', [15, 40], [12, 20]],
];

const GENERAL_LOAD: readonly (readonly [Commodity, number])[] = [
  [['Consolidated general cargo', '', [10, 80], [8, 25]], 20],
  [['E-commerce parcels', '', [30, 120], [2, 6]], 12],
  [['Fresh fruit and vegetables', 'PER', [20, 80], [8, 15]], 8],
  [['Chilled meat', 'PER;COL', [15, 50], [12, 20]], 5],
  [['Pharmaceuticals', 'PIL;COL', [5, 30], [8, 15]], 6],
  [['Live falcons', 'AVI', [1, 4], [4, 8]], 2],
  [['Day-old chicks', 'AVI', [20, 60], [2, 4]], 2],
  [['Gold bullion', 'VAL', [1, 4], [12, 25]], 2],
  [['Aircraft spare parts (AOG)', '', [1, 6], [10, 80]], 4],
  [['Lithium ion batteries UN3480', 'DGR', [5, 20], [10, 25]], 4],
  [['Paints UN1263', 'DGR', [5, 20], [15, 25]], 2],
  [['Foodstuffs', 'EAT', [10, 50], [10, 20]], 6],
  [['Textiles', '', [20, 100], [8, 20]], 8],
  [['Machinery parts', '', [3, 20], [30, 120]], 6],
  [['Human remains', 'HUM', [1, 1], [120, 180]], 1],
];

const COMPANIES = [
  'Rungis Fresh Export SARL',
  'Maison Laurent Parfums, Paris',
  'Al Noor General Trading LLC',
  'Gulf Pharma Distribution FZE',
  'Emirates Fresh Foods, Abu Dhabi',
  'Kerala Agro Exports Pvt Ltd',
  'Mumbai Pharma Logistics',
  'Siam Orchid Exporters Co.',
  'Lufthansa Technik Logistik Services',
  'Nordic Seafood AS',
  'Cairo Textile Company',
  'Karachi Leather Works',
  'Manila Express Cargo Corp.',
  'Jewellery House "Étoile"',
  'Abu Dhabi Ports Logistics',
  'Al Futtaim Auto Parts',
  'Riyadh Medical Supplies Co.',
  'Singapore Air Parts Pte Ltd',
  'Etihad Engineering Stores',
  'Desert Falcon Hospital',
];

/** AWB serials carry a mod-7 check digit (IATA). */
function awb(serial: number): string {
  return `607-${String(serial).padStart(7, '0')}${serial % 7}`;
}

function priorityOf(handling: string, commodity: string): CargoPriority {
  if (/HUM|PIL/.test(handling) || commodity.includes('AOG')) return 'URGENT';
  if (/PER|AVI|VAL/.test(handling)) return 'HIGH';
  return 'STANDARD';
}

function assignmentStatus(rng: Rng, flight: Flight, handling: string, disrupted: boolean): Assignment['status'] {
  // perishables and live animals come off the AOG aircraft to cold store and the animal lounge
  if (disrupted) return /PER|AVI/.test(handling) ? 'OFFLOADED' : 'MANIFESTED';
  if (flight.status === 'ARRIVED' || flight.status === 'DEPARTED' || flight.status === 'BOARDING') return 'LOADED';
  return rng.chance(0.6) ? 'MANIFESTED' : 'BOOKED';
}

export function buildCargo(rng: Rng, schedule: Schedule): CargoPlan {
  let shipmentSerial = rng.int(100_000, 199_999);
  let awbSerial = rng.int(1_000_000, 8_000_000);
  let assignmentSerial = rng.int(500_000, 599_999);
  const uld = (flight: Flight, big: boolean): string => {
    const kind = TYPES[flight.type].widebody ? (big ? rng.pick(['PMC', 'PAG']) : 'AKE') : 'AKH';
    return `${kind}${rng.int(10_000, 99_999)}EY`;
  };
  const shipments: Shipment[] = [];
  const assignments: Assignment[] = [];

  const ship = (flight: Flight, c: Commodity): Shipment => {
    const [commodity, handling, [pMin, pMax], [kMin, kMax]] = c;
    const pieces = rng.int(pMin, pMax);
    const s: Shipment = {
      id: `SH${(shipmentSerial += rng.int(1, 25))}`,
      awb: awb((awbSerial += rng.int(1, 400))),
      origin: flight.origin,
      destination: flight.destination,
      commodity,
      weight: Math.round(pieces * rng.float(kMin, kMax) * 100) / 100,
      priority: priorityOf(handling, commodity),
      handling: handling ? handling.split(';') : [],
      pieces,
      shipper: rng.pick(COMPANIES),
      consignee: rng.pick(COMPANIES),
    };
    shipments.push(s);
    return s;
  };
  const assign = (s: Shipment, flight: Flight, pieces: number, weight: number): void => {
    const disrupted = flight === schedule.disrupted;
    assignments.push({
      id: `CA${(assignmentSerial += rng.int(1, 25))}`,
      shipment: s,
      flight,
      pieces,
      weight,
      status: assignmentStatus(rng, flight, s.handling.join(';'), disrupted),
      uld: uld(flight, weight > 800),
    });
  };

  for (const c of DISRUPTED_LOAD) {
    const s = ship(schedule.disrupted, c);
    assign(s, schedule.disrupted, s.pieces, s.weight);
  }

  const carriers = schedule.flights.filter((f) => f !== schedule.disrupted);
  const carrierWeights = carriers.map((f) => [f, TYPES[f.type].widebody ? 5 : 1] as const);
  let splits = 0;
  while (shipments.length < SHIPMENT_TARGET) {
    const flight = rng.weighted(carrierWeights);
    const s = ship(flight, rng.weighted(GENERAL_LOAD));
    const later = laterFlights(schedule, flight.origin, flight.destination, flight.dep)[0];
    // a few large consignments travel in two parts, the rest on the next service of the route
    if (later && s.pieces >= 4 && splits < 6 && rng.chance(0.25) && flight.origin !== HUB) {
      splits++;
      const first = Math.floor(s.pieces / 2);
      // split in whole cents so the two parts add up to the shipment exactly
      const cents = Math.round(s.weight * 100);
      const firstCents = Math.round((cents * first) / s.pieces);
      assign(s, flight, first, firstCents / 100);
      assign(s, later, s.pieces - first, (cents - firstCents) / 100);
    } else {
      assign(s, flight, s.pieces, s.weight);
    }
  }
  return { shipments, assignments };
}

export const SHIPMENT_COLUMNS = [
  'shipment_id',
  'awb_number',
  'origin_airport',
  'destination_airport',
  'commodity',
  'weight_kg',
  'priority',
  'special_handling',
  'pieces',
  'shipper',
  'consignee',
] as const;

export function shipmentRows(plan: CargoPlan): Row[] {
  return plan.shipments.map((s) => ({
    shipment_id: s.id,
    awb_number: s.awb,
    origin_airport: s.origin,
    destination_airport: s.destination,
    commodity: s.commodity,
    weight_kg: fixed(s.weight),
    priority: s.priority,
    special_handling: s.handling.join(';'),
    pieces: s.pieces,
    shipper: s.shipper,
    consignee: s.consignee,
  }));
}

export const ASSIGNMENT_COLUMNS = ['assignment_id', 'shipment_id', 'flight_id', 'pieces', 'weight_kg', 'status', 'uld_number'] as const;

export function assignmentRows(plan: CargoPlan): Row[] {
  return plan.assignments.map((a) => ({
    assignment_id: a.id,
    shipment_id: a.shipment.id,
    flight_id: a.flight.id,
    pieces: a.pieces,
    weight_kg: fixed(a.weight),
    status: a.status,
    uld_number: a.uld,
  }));
}
