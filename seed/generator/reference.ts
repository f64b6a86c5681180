// Network and fleet reference data: the fixed facts every module agrees on.

export const AIRLINE = 'EY';
export const HUB = 'AUH';

export type Region = 'gulf' | 'europe' | 'northamerica' | 'southasia' | 'southeastasia' | 'northafrica';
export type Haul = 'long' | 'medium' | 'short';

export interface Station {
  readonly code: string;
  readonly region: Region;
  readonly haul: Haul;
  /** Block minutes AUH -> station and station -> AUH (westbound flights are longer). */
  readonly outMin: number;
  readonly backMin: number;
  /** UTC offset in hours, for local-time weather patterns. */
  readonly utcOffset: number;
  /** Flight number block: outbound base+1, base+3...; inbound base+2, base+4... */
  readonly numberBase: number;
  /** Passenger nationality that dominates the route. */
  readonly homeProfile: string;
}

const S = (
  code: string,
  region: Region,
  haul: Haul,
  outMin: number,
  backMin: number,
  utcOffset: number,
  numberBase: number,
  homeProfile: string,
): Station => ({ code, region, haul, outMin, backMin, utcOffset, numberBase, homeProfile });

export const HUB_STATION: Station = S('AUH', 'gulf', 'short', 0, 0, 4, 0, 'AE');

export const OUTSTATIONS: readonly Station[] = [
  S('LHR', 'europe', 'long', 475, 420, 0, 10, 'GB'),
  S('CDG', 'europe', 'long', 465, 380, 1, 50, 'FR'),
  S('FRA', 'europe', 'long', 430, 365, 1, 90, 'DE'),
  S('MUC', 'europe', 'long', 405, 345, 1, 130, 'DE'),
  S('JFK', 'northamerica', 'long', 835, 760, -4, 170, 'US'),
  S('BKK', 'southeastasia', 'long', 370, 400, 7, 210, 'TH'),
  S('SIN', 'southeastasia', 'long', 445, 475, 8, 250, 'SG'),
  S('MNL', 'southeastasia', 'long', 525, 560, 8, 290, 'PH'),
  S('BOM', 'southasia', 'medium', 185, 205, 5.5, 330, 'IN'),
  S('DEL', 'southasia', 'medium', 200, 225, 5.5, 370, 'IN'),
  S('COK', 'southasia', 'medium', 240, 260, 5.5, 410, 'INK'),
  S('KHI', 'southasia', 'medium', 130, 140, 5, 450, 'PK'),
  S('CAI', 'northafrica', 'medium', 250, 230, 2, 490, 'EG'),
  S('RUH', 'gulf', 'short', 115, 110, 3, 530, 'SA'),
  S('JED', 'gulf', 'short', 180, 165, 3, 570, 'SA'),
  S('MCT', 'gulf', 'short', 70, 70, 4, 610, 'OM'),
  S('BAH', 'gulf', 'short', 75, 75, 3, 650, 'BH'),
  S('KWI', 'gulf', 'short', 120, 115, 3, 690, 'KW'),
];

export const ALL_STATIONS: readonly Station[] = [HUB_STATION, ...OUTSTATIONS];

export function station(code: string): Station {
  const found = ALL_STATIONS.find((s) => s.code === code);
  if (!found) throw new Error(`unknown station ${code}`);
  return found;
}

export function blockMinutes(origin: string, destination: string): number {
  if (origin === HUB) return station(destination).outMin;
  if (destination === HUB) return station(origin).backMin;
  throw new Error(`no direct route ${origin}-${destination}: the network is hub and spoke`);
}

export type AircraftType = 'B777-300ER' | 'B787-9' | 'B787-10' | 'A350-1000' | 'A320' | 'A321';
export type Cabin = 'First' | 'Business' | 'Economy';

export interface CabinLayout {
  readonly cabin: Cabin;
  readonly seats: number;
  readonly firstRow: number;
  readonly letters: string;
}

export interface TypeInfo {
  readonly type: AircraftType;
  readonly widebody: boolean;
  readonly minTurn: number;
  readonly layout: readonly CabinLayout[];
  /** Flight-deck type rating family: pilots fly one family only. */
  readonly family: string;
}

const L = (cabin: Cabin, seats: number, firstRow: number, letters: string): CabinLayout => ({
  cabin,
  seats,
  firstRow,
  letters,
});

export const TYPES: Readonly<Record<AircraftType, TypeInfo>> = {
  'B777-300ER': {
    type: 'B777-300ER',
    widebody: true,
    minTurn: 60,
    family: 'B777-300ER',
    layout: [L('First', 8, 1, 'ADGK'), L('Business', 40, 5, 'ADGK'), L('Economy', 360, 20, 'ABCDEFGHJK')],
  },
  'B787-9': {
    type: 'B787-9',
    widebody: true,
    minTurn: 60,
    family: 'B787-9;B787-10',
    layout: [L('Business', 28, 1, 'ADGK'), L('Economy', 271, 10, 'ABCDEFGHK')],
  },
  'B787-10': {
    type: 'B787-10',
    widebody: true,
    minTurn: 60,
    family: 'B787-9;B787-10',
    layout: [L('Business', 32, 1, 'ADGK'), L('Economy', 303, 10, 'ABCDEFGHK')],
  },
  'A350-1000': {
    type: 'A350-1000',
    widebody: true,
    minTurn: 60,
    family: 'A350-1000',
    layout: [L('Business', 44, 1, 'ADGK'), L('Economy', 327, 15, 'ABCDEFGHK')],
  },
  A320: {
    type: 'A320',
    widebody: false,
    minTurn: 45,
    family: 'A320;A321',
    layout: [L('Business', 8, 1, 'ACDF'), L('Economy', 150, 5, 'ABCDEF')],
  },
  A321: {
    type: 'A321',
    widebody: false,
    minTurn: 45,
    family: 'A320;A321',
    layout: [L('Business', 8, 1, 'ACDF'), L('Economy', 180, 5, 'ABCDEF')],
  },
};

export function seatCapacity(type: AircraftType): number {
  return TYPES[type].layout.reduce((sum, c) => sum + c.seats, 0);
}

export interface Aircraft {
  readonly registration: string;
  readonly type: AircraftType;
}

function regs(type: AircraftType, prefix: string, count: number): Aircraft[] {
  return Array.from({ length: count }, (_, i) => ({
    registration: `A6-${prefix}${String.fromCharCode(65 + i)}`,
    type,
  }));
}

export const FLEET: readonly Aircraft[] = [
  ...regs('B777-300ER', 'ET', 8),
  ...regs('B787-10', 'BM', 6),
  ...regs('B787-9', 'BL', 10),
  ...regs('A350-1000', 'XW', 4),
  ...regs('A320', 'EI', 16),
  ...regs('A321', 'AE', 12),
];

export function aircraft(registration: string): Aircraft {
  const found = FLEET.find((a) => a.registration === registration);
  if (!found) throw new Error(`unknown aircraft ${registration}`);
  return found;
}

/** Airports a type may serve: widebodies skip the shortest Gulf sectors, narrowbodies the long-haul ones. */
export function stationsFor(type: AircraftType): readonly Station[] {
  if (!TYPES[type].widebody) return OUTSTATIONS.filter((s) => s.haul !== 'long');
  if (type === 'B777-300ER' || type === 'A350-1000') {
    return OUTSTATIONS.filter((s) => s.haul === 'long' || ['BOM', 'DEL', 'CAI', 'JED'].includes(s.code));
  }
  return OUTSTATIONS.filter((s) => s.haul !== 'short' || ['RUH', 'JED'].includes(s.code));
}
