// The day's schedule: one rotation per aircraft, hub -> outstation -> hub ...,
// numbered by route and linked upline/downline. Exactly 256 flights.

import type { Row } from './csv.js';
import type { MelItem } from './mel.js';
import type { Rng } from './prng.js';
import { AIRLINE, type AircraftType, blockMinutes, FLEET, HUB, OUTSTATIONS, station, stationsFor, TYPES } from './reference.js';
import { DISRUPTED, FIXED_ROTATIONS } from './story.js';
import { DAY_DATE, DAY_MINUTES, iso, SNAPSHOT_MIN } from './time.js';
import type { Impact } from './weather.js';

export const FLIGHT_COUNT = 256;

export type FlightStatus = 'SCHEDULED' | 'DELAYED' | 'CANCELLED' | 'DEPARTED' | 'ARRIVED' | 'BOARDING';

export interface Flight {
  readonly id: string;
  readonly number: string;
  readonly registration: string;
  readonly type: AircraftType;
  readonly origin: string;
  readonly destination: string;
  /** Minutes from the day start (UTC). */
  readonly dep: number;
  readonly arr: number;
  readonly status: FlightStatus;
  readonly gate: string;
  readonly mel: MelItem | undefined;
  upline: Flight | undefined;
  downline: Flight | undefined;
}

export interface Schedule {
  /** Sorted by departure, then flight number. */
  readonly flights: readonly Flight[];
  readonly byId: ReadonlyMap<string, Flight>;
  readonly byRegistration: ReadonlyMap<string, readonly Flight[]>;
  readonly disrupted: Flight;
}

interface Leg {
  registration: string;
  type: AircraftType;
  origin: string;
  destination: string;
  dep: number;
  arr: number;
}

const ceil5 = (m: number): number => Math.ceil(m / 5) * 5;

function leg(registration: string, type: AircraftType, origin: string, destination: string, dep: number): Leg {
  return { registration, type, origin, destination, dep, arr: dep + blockMinutes(origin, destination) };
}

function turnAfter(rng: Rng, type: AircraftType, at: string): number {
  const wide = TYPES[type].widebody;
  if (at === HUB) return wide ? rng.int(70, 200) : rng.int(50, 110);
  if (wide) return rng.int(75, 150);
  // some narrowbody turns are planned long enough for a crew change at the outstation
  return rng.chance(0.3) ? rng.int(90, 110) : rng.int(TYPES[type].minTurn, 75);
}

/**
 * How busy each route is. CDG is left to the story's fixed rotations, so that the
 * only aircraft there are the AOG one and the two swap candidates.
 */
const POPULARITY: Readonly<Record<string, number>> = {
  LHR: 3,
  CDG: 0,
  FRA: 1.2,
  MUC: 0.8,
  JFK: 1,
  BKK: 1.5,
  SIN: 1.2,
  MNL: 1.5,
  BOM: 2,
  DEL: 1.5,
  COK: 1.2,
  KHI: 1.2,
};

function pickDestination(rng: Rng, type: AircraftType): string {
  const wide = TYPES[type].widebody;
  const weight = (haul: string): number => (wide ? (haul === 'long' ? 3 : haul === 'medium' ? 2 : 1) : haul === 'short' ? 3 : 2);
  return rng.weighted(stationsFor(type).map((s) => [s.code, weight(s.haul) * (POPULARITY[s.code] ?? 1)] as const));
}

/** Appends the next leg from wherever the aircraft is; false when it would leave after the day. */
function appendLeg(rng: Rng, legs: Leg[], registration: string, type: AircraftType): boolean {
  const last = legs[legs.length - 1];
  if (!last) return false;
  const dep = ceil5(last.arr + turnAfter(rng, type, last.destination));
  if (dep >= DAY_MINUTES) return false;
  const destination = last.destination === HUB ? pickDestination(rng, type) : HUB;
  legs.push(leg(registration, type, last.destination, destination, dep));
  return true;
}

/** A tight plan (early start, minimum turns, short sectors) squeezes the most flights out of a narrowbody. */
function planTight(rng: Rng, registration: string, type: AircraftType, visit: string | undefined): Leg[] {
  const min = TYPES[type].minTurn;
  const short = stationsFor(type)
    .filter((s) => s.haul === 'short')
    .map((s) => s.code);
  const legs: Leg[] = [leg(registration, type, HUB, visit ?? rng.pick(short), ceil5(rng.int(0, 60)))];
  for (;;) {
    const last = legs[legs.length - 1] as Leg;
    const dep = ceil5(last.arr + rng.int(min, min + 10));
    if (dep >= DAY_MINUTES) return legs;
    legs.push(leg(registration, type, last.destination, last.destination === HUB ? rng.pick(short) : HUB, dep));
  }
}

/** `visit`, when given, is the outstation the aircraft's first leg touches (so every route is flown). */
function planRotation(rng: Rng, registration: string, type: AircraftType, visit: string | undefined): Leg[] {
  const wide = TYPES[type].widebody;
  const nightStopped = rng.chance(wide ? 0.4 : 0.3);
  const legs: Leg[] = [];
  if (nightStopped) {
    const pool = stationsFor(type).filter((s) => (wide ? s.haul === 'long' : true) && POPULARITY[s.code] !== 0);
    const origin = visit ?? rng.pick(pool).code;
    legs.push(leg(registration, type, origin, HUB, ceil5(wide ? rng.int(30, 840) : rng.int(0, 180))));
  } else {
    const destination = visit ?? pickDestination(rng, type);
    legs.push(leg(registration, type, HUB, destination, ceil5(wide ? rng.int(0, 600) : rng.int(0, 240))));
  }
  while (appendLeg(rng, legs, registration, type));
  return legs;
}

/** Trims or re-plans the free (non-story) narrowbody rotations until the day has exactly `target` flights. */
function fitCount(rng: Rng, rotations: Map<string, Leg[]>, free: readonly string[], target: number, visits: ReadonlyMap<string, string>): void {
  const total = (): number => [...rotations.values()].reduce((n, legs) => n + legs.length, 0);
  const legsOf = (reg: string): Leg[] => rotations.get(reg) ?? [];
  const trim = (): void => {
    while (total() > target) {
      // the busiest aircraft gives up its last leg: its day simply ends earlier
      const reg = free.reduce((best, r) => (legsOf(r).length > legsOf(best).length ? r : best));
      if (legsOf(reg).length <= 1) throw new Error('cannot trim the schedule any further');
      legsOf(reg).pop();
    }
  };
  trim();
  // too few: re-plan the least busy narrowbodies tightly, then trim back down to the target
  for (let guard = 0; total() < target; guard++) {
    const reg = [...free].sort((a, b) => legsOf(a).length - legsOf(b).length || a.localeCompare(b))[0];
    if (reg === undefined || guard >= free.length) throw new Error('cannot fit enough flights in the day');
    const type = FLEET.find((a) => a.registration === reg)?.type ?? 'A320';
    rotations.set(reg, planTight(rng, reg, type, visits.get(reg)));
  }
  trim();
}

function assignNumbers(legs: readonly Leg[]): Map<Leg, number> {
  const numbers = new Map<Leg, number>();
  const groups = new Map<string, Leg[]>();
  for (const l of legs) {
    const outstation = l.origin === HUB ? l.destination : l.origin;
    const key = `${outstation}:${l.origin === HUB ? 'out' : 'in'}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const used = new Set<number>();
  for (const [key, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [code, dir] = key.split(':');
    const base = station(code ?? '').numberBase;
    group.sort((a, b) => a.dep - b.dep || a.registration.localeCompare(b.registration));
    group.forEach((l, k) => {
      // each route owns 19 numbers per direction; extra sections go to the 1000 range
      const n = (k < 19 ? base : 1000 + base) + (dir === 'out' ? 1 : 2) + 2 * (k % 19);
      if (used.has(n)) throw new Error(`flight number ${n} used twice`);
      used.add(n);
      numbers.set(l, n);
    });
  }
  return numbers;
}

function statusOf(l: Leg, impact: (code: string, minute: number) => Impact): FlightStatus {
  if (l.registration === DISRUPTED.registration && l.dep === DISRUPTED.departure) return 'DELAYED';
  if (l.arr <= SNAPSHOT_MIN) return 'ARRIVED';
  if (l.dep <= SNAPSHOT_MIN) return 'DEPARTED';
  const bad = (i: Impact): boolean => i === 'MODERATE' || i === 'SEVERE';
  if (bad(impact(l.origin, l.dep)) || impact(l.destination, l.arr) === 'SEVERE') return 'DELAYED';
  return l.dep - SNAPSHOT_MIN <= 40 ? 'BOARDING' : 'SCHEDULED';
}

function gateFor(rng: Rng, l: Leg): string {
  if (l.origin === HUB) return `${TYPES[l.type].widebody ? 'A' : 'B'}${rng.int(1, 40)}`;
  return `${rng.pick(['A', 'B', 'C', 'D', 'E', 'K', 'L', 'M'])}${rng.int(1, 60)}`;
}

export function buildSchedule(rng: Rng, mel: ReadonlyMap<string, MelItem>, impact: (code: string, minute: number) => Impact): Schedule {
  const fixedRegs = new Set(FIXED_ROTATIONS.map((r) => r.registration));
  const generic = FLEET.filter((a) => !fixedRegs.has(a.registration));
  // every outstation gets at least one visit: long-haul ones from widebodies, the rest from narrowbodies
  const visits = new Map<string, string>();
  const longHaul = OUTSTATIONS.filter((s) => s.haul === 'long' && POPULARITY[s.code] !== 0).map((s) => s.code);
  const regional = OUTSTATIONS.filter((s) => s.haul !== 'long').map((s) => s.code);
  rng
    .sample(
      generic.filter((a) => TYPES[a.type].widebody),
      longHaul.length,
    )
    .forEach((a, i) => visits.set(a.registration, longHaul[i] ?? ''));
  rng
    .sample(
      generic.filter((a) => !TYPES[a.type].widebody),
      regional.length,
    )
    .forEach((a, i) => visits.set(a.registration, regional[i] ?? ''));

  const rotations = new Map<string, Leg[]>();
  for (const ac of FLEET) {
    const fixedPlan = FIXED_ROTATIONS.find((r) => r.registration === ac.registration);
    rotations.set(
      ac.registration,
      fixedPlan
        ? fixedPlan.legs.map((l) => leg(ac.registration, ac.type, l.origin, l.destination, l.departure))
        : planRotation(rng, ac.registration, ac.type, visits.get(ac.registration)),
    );
  }
  const free = generic.filter((a) => !TYPES[a.type].widebody).map((a) => a.registration);
  fitCount(rng, rotations, free, FLIGHT_COUNT, visits);

  const legs = [...rotations.values()].flat();
  const numbers = assignNumbers(legs);
  const flights: Flight[] = legs.map((l) => {
    const n = numbers.get(l) ?? 0;
    return {
      id: `${AIRLINE}${String(n).padStart(4, '0')}-${DAY_DATE}`,
      number: `${AIRLINE}${n}`,
      registration: l.registration,
      type: l.type,
      origin: l.origin,
      destination: l.destination,
      dep: l.dep,
      arr: l.arr,
      status: statusOf(l, impact),
      gate: gateFor(rng, l),
      mel: mel.get(l.registration),
      upline: undefined,
      downline: undefined,
    };
  });
  flights.sort((a, b) => a.dep - b.dep || a.number.localeCompare(b.number));

  const byRegistration = new Map<string, Flight[]>();
  for (const f of flights) byRegistration.set(f.registration, [...(byRegistration.get(f.registration) ?? []), f]);
  for (const rotation of byRegistration.values()) {
    for (let i = 1; i < rotation.length; i++) {
      const prev = rotation[i - 1] as Flight;
      const next = rotation[i] as Flight;
      prev.downline = next;
      next.upline = prev;
    }
  }
  const disrupted = flights.find((f) => f.registration === DISRUPTED.registration && f.dep === DISRUPTED.departure);
  if (!disrupted) throw new Error('the disrupted flight is missing from the schedule');
  return { flights, byId: new Map(flights.map((f) => [f.id, f])), byRegistration, disrupted };
}

export const FLIGHT_COLUMNS = [
  'flight_id',
  'flight_number',
  'aircraft_type',
  'aircraft_registration',
  'origin_airport',
  'destination_airport',
  'departure_time',
  'arrival_time',
  'flight_status',
  'mel_status',
  'mel_category',
  'mel_item',
  'upline_flight_id',
  'upline_flight_number',
  'downline_flight_id',
  'downline_flight_number',
  'departure_gate',
] as const;

export function flightRows(schedule: Schedule): Row[] {
  return schedule.flights.map((f) => ({
    flight_id: f.id,
    flight_number: f.number,
    aircraft_type: f.type,
    aircraft_registration: f.registration,
    origin_airport: f.origin,
    destination_airport: f.destination,
    departure_time: iso(f.dep),
    arrival_time: iso(f.arr),
    flight_status: f.status,
    mel_status: f.mel ? 'ACTIVE' : 'NONE',
    mel_category: f.mel?.category,
    mel_item: f.mel?.item,
    upline_flight_id: f.upline?.id,
    upline_flight_number: f.upline?.number,
    downline_flight_id: f.downline?.id,
    downline_flight_number: f.downline?.number,
    departure_gate: f.gate,
  }));
}

/** Flights leaving `from` for `to` after `after` minutes, earliest first. */
export function laterFlights(schedule: Schedule, from: string, to: string, after: number): Flight[] {
  return schedule.flights.filter((f) => f.origin === from && f.destination === to && f.dep > after);
}
