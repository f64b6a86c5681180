// The fixed plot of the sample day. Everything random is built around these facts,
// so that any seed still tells the same story (only names, loads and the rest vary).

import type { AircraftType } from './reference.js';

/** Minutes from 2026-03-15T00:00Z. */
const at = (h: number, m = 0): number => h * 60 + m;

export const DISRUPTED = {
  registration: 'A6-ETE',
  type: 'B777-300ER' as AircraftType,
  origin: 'CDG',
  /** CDG->AUH block is 380 min, so the flight arrives AUH at 15:00Z. */
  departure: at(8, 40),
  passengers: 346,
  /** Cabin split of the 346 (the 777 has 8 First, 40 Business, 360 Economy seats). */
  cabins: { First: 6, Business: 36, Economy: 304 },
  /** Defect found at the walk-around: the aircraft is AOG at CDG from then on. */
  aogFrom: at(7, 10),
} as const;

export interface FixedLeg {
  readonly origin: string;
  readonly destination: string;
  readonly departure: number;
}

export interface FixedRotation {
  readonly registration: string;
  readonly legs: readonly FixedLeg[];
}

/** The four swap candidates and the AOG aircraft fly fixed rotations. */
export const SWAPS = {
  /** B777-300ER on a day-stop at CDG: same type, same crew, ready 10:40Z. */
  local: 'A6-ETB',
  /** B787-10 night-stopped at CDG: 335 seats and an open work order due 08:00Z. */
  small: 'A6-BMD',
  /** B777-300ER hub spare: needs a ferry AUH->CDG. */
  ferry: 'A6-ETH',
  /** B787-9 in an A-check at AUH until 19:00Z, with an active MEL D item. */
  maint: 'A6-BLF',
} as const;

export const SWAP_READY = {
  local: at(10, 40),
  small: at(10, 30),
  ferry: at(13, 40),
  maint: at(19, 0),
} as const;

/** The B787-10's open cabin work order falls due 20 min before the disrupted departure. */
export const SMALL_SWAP_WO_DUE = at(8, 0);

export const FIXED_ROTATIONS: readonly FixedRotation[] = [
  {
    registration: DISRUPTED.registration,
    legs: [
      { origin: 'CDG', destination: 'AUH', departure: DISRUPTED.departure },
      // the downline: an evening AUH-BOM-AUH turn, 105 min after the scheduled arrival
      { origin: 'AUH', destination: 'BOM', departure: at(16, 45) },
      { origin: 'BOM', destination: 'AUH', departure: at(21, 20) },
    ],
  },
  {
    registration: SWAPS.local,
    legs: [
      { origin: 'AUH', destination: 'CDG', departure: at(0, 50) },
      { origin: 'CDG', destination: 'AUH', departure: at(19, 30) },
    ],
  },
  {
    registration: SWAPS.small,
    legs: [
      { origin: 'CDG', destination: 'AUH', departure: at(13, 30) },
      { origin: 'AUH', destination: 'BKK', departure: at(21, 40) },
    ],
  },
  {
    registration: SWAPS.ferry,
    legs: [
      { origin: 'AUH', destination: 'KHI', departure: at(18, 0) },
      { origin: 'KHI', destination: 'AUH', departure: at(21, 30) },
    ],
  },
  {
    registration: SWAPS.maint,
    legs: [{ origin: 'AUH', destination: 'SIN', departure: at(20, 30) }],
  },
];

export const SCENARIOS = [
  { scenario: 'SWAP_LOCAL', delay: 120, probability: 0.55 },
  { scenario: 'FERRY_SPARE_FROM_AUH', delay: 300, probability: 0.3 },
  { scenario: 'REPAIR_IN_PLACE', delay: 540, probability: 0.15 },
] as const;

/** Repair estimate: the AOG window ends when REPAIR_IN_PLACE would let the flight go. */
export const AOG_UNTIL = DISRUPTED.departure + 540;

/** Crew flight-duty-period limit the disruption desk checks (GCAA-style, 13 h). */
export const FDP_LIMIT_MIN = 13 * 60;

/** Minimum connecting time at AUH used to count misconnections. */
export const MIN_CONNECT_MIN = 60;
