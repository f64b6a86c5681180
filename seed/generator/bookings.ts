// Bookings and checked bags: every disrupted passenger, plus whole travel parties
// sampled from the rest of the day (bags only where check-in has opened).

import { fixed, type Row } from './csv.js';
import type { DisruptedPassenger } from './disruption.js';
import type { Flight, Schedule } from './flights.js';
import type { Passenger } from './passengers.js';
import type { Rng } from './prng.js';
import { DISRUPTED } from './story.js';
import { iso, SNAPSHOT_MIN } from './time.js';

export const BOOKING_TARGET = 1000;
/** Check-in (and so bag drop) opens four hours before departure. */
const CHECKIN_OPENS = 240;

export interface Booking {
  readonly id: string;
  readonly passenger: Passenger;
  readonly status: 'CONFIRMED' | 'TICKETED' | 'CHECKED_IN' | 'WAITLISTED' | 'CANCELLED';
  readonly fareClass: string;
  readonly channel: string;
  readonly bookedAt: number;
}

export interface Bag {
  readonly tag: string;
  readonly booking: Booking;
  readonly status: 'CHECKED' | 'LOADED' | 'IN_TRANSIT' | 'OFFLOADED' | 'MISHANDLED' | 'DELIVERED';
  readonly weight: number;
  readonly location: string;
  readonly scanAt: number;
}

const FARES = { First: ['F', 'A'], Business: ['J', 'C', 'D', 'I', 'Z'], Economy: ['Y', 'B', 'M', 'H', 'K', 'Q', 'L', 'V', 'E'] } as const;
const CHANNELS: readonly (readonly [string, number])[] = [
  ['WEB', 35],
  ['MOBILE_APP', 25],
  ['TRAVEL_AGENT', 20],
  ['CORPORATE_TMC', 10],
  ['CALL_CENTRE', 5],
  ['NDC_PARTNER', 5],
];

const checkinOpen = (f: Flight): boolean => f.dep - SNAPSHOT_MIN <= CHECKIN_OPENS;

function bookingStatus(rng: Rng, f: Flight): Booking['status'] {
  if (checkinOpen(f)) return rng.chance(0.93) ? 'CHECKED_IN' : 'TICKETED';
  return rng.weighted([
    ['TICKETED', 70],
    ['CHECKED_IN', 22],
    ['CONFIRMED', 5],
    ['WAITLISTED', 2],
    ['CANCELLED', 1],
  ] as const);
}

export function buildBookings(rng: Rng, schedule: Schedule, passengers: readonly Passenger[]): Booking[] {
  const d = schedule.disrupted;
  const chosen: Passenger[] = passengers.filter((p) => p.flight === d);
  const parties = new Map<string, Passenger[]>();
  for (const p of passengers) if (p.flight !== d) parties.set(p.pnr, [...(parties.get(p.pnr) ?? []), p]);
  // favour flights whose check-in is open, so that their bags can be in the system
  const pool = rng.shuffle([...parties.values()]);
  const open = (party: readonly Passenger[]): boolean => checkinOpen((party[0] as Passenger).flight);
  const take = (list: readonly Passenger[][], quota: number): void => {
    let taken = 0;
    for (const party of list) {
      if (taken >= quota) break;
      chosen.push(...party);
      taken += party.length;
    }
  };
  take(pool.filter(open), Math.round((BOOKING_TARGET - chosen.length) * 0.7));
  take(
    pool.filter((party) => !open(party)),
    BOOKING_TARGET - chosen.length,
  );
  let serial = rng.int(10_000_000, 19_999_999);
  return chosen.map((p) => ({
    id: `BK${(serial += rng.int(1, 90))}`,
    passenger: p,
    status: p.flight === d ? (rng.chance(0.94) ? 'CHECKED_IN' : 'TICKETED') : bookingStatus(rng, p.flight),
    fareClass: rng.pick(FARES[p.cabin]),
    channel: rng.weighted(CHANNELS),
    bookedAt: -rng.int(1 * 24 * 60, 120 * 24 * 60),
  }));
}

function bagState(rng: Rng, b: Booking, schedule: Schedule, refund: boolean): Pick<Bag, 'status' | 'location' | 'scanAt'> {
  const f = b.passenger.flight;
  if (f === schedule.disrupted) {
    if (refund) return { status: 'OFFLOADED', location: f.origin, scanAt: rng.int(DISRUPTED.aogFrom + 20, SNAPSHOT_MIN - 5) };
    return rng.chance(0.7)
      ? { status: 'LOADED', location: f.origin, scanAt: rng.int(f.dep - 75, DISRUPTED.aogFrom + 30) }
      : { status: 'CHECKED', location: f.origin, scanAt: rng.int(f.dep - 180, f.dep - 60) };
  }
  if (f.arr + 45 <= SNAPSHOT_MIN) {
    const s = rng.weighted([
      ['DELIVERED', 82],
      ['IN_TRANSIT', 13],
      ['MISHANDLED', 5],
    ] as const);
    return { status: s, location: f.destination, scanAt: Math.min(SNAPSHOT_MIN - 1, f.arr + rng.int(10, 45)) };
  }
  if (f.dep <= SNAPSHOT_MIN) return { status: rng.chance(0.5) ? 'LOADED' : 'IN_TRANSIT', location: f.origin, scanAt: f.dep - rng.int(20, 50) };
  if (f.dep - SNAPSHOT_MIN <= 45) return { status: 'LOADED', location: f.origin, scanAt: SNAPSHOT_MIN - rng.int(1, 20) };
  return {
    status: 'CHECKED',
    location: f.origin,
    scanAt: rng.int(Math.min(SNAPSHOT_MIN - 1, Math.max(f.dep - CHECKIN_OPENS, SNAPSHOT_MIN - 180)), SNAPSHOT_MIN - 1),
  };
}

export function buildBags(rng: Rng, schedule: Schedule, bookings: readonly Booking[], disrupted: readonly DisruptedPassenger[]): Bag[] {
  const refunds = new Set(disrupted.filter((r) => r.status === 'REFUND_REQUESTED').map((r) => r.passenger));
  let serial = rng.int(100_000, 300_000);
  const bags: Bag[] = [];
  for (const b of bookings) {
    const f = b.passenger.flight;
    const canHaveBags = f === schedule.disrupted || (checkinOpen(f) && b.status === 'CHECKED_IN');
    if (!canHaveBags || !rng.chance(f === schedule.disrupted ? 0.88 : 0.85)) continue;
    const count = rng.chance(0.42) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      // IATA licence plate: a leading 0 (or 1 fallback / 2 rush), the 607 airline code, a 6-digit serial
      const lead = rng.weighted([
        ['0', 92],
        ['1', 5],
        ['2', 3],
      ] as const);
      serial += rng.int(1, 70);
      bags.push({
        tag: `${lead}607${String(serial % 1_000_000).padStart(6, '0')}`,
        booking: b,
        weight: rng.decimal(6, b.passenger.cabin === 'Economy' ? 30 : 32, 2),
        ...bagState(rng, b, schedule, refunds.has(b.passenger)),
      });
    }
  }
  return bags;
}

export const BOOKING_COLUMNS = [
  'booking_id',
  'passenger_id',
  'flight_id',
  'pnr',
  'booking_status',
  'fare_class',
  'booking_channel',
  'booked_at',
] as const;

export function bookingRows(bookings: readonly Booking[]): Row[] {
  return bookings.map((b) => ({
    booking_id: b.id,
    passenger_id: b.passenger.id,
    flight_id: b.passenger.flight.id,
    pnr: b.passenger.pnr,
    booking_status: b.status,
    fare_class: b.fareClass,
    booking_channel: b.channel,
    booked_at: iso(b.bookedAt),
  }));
}

export const BAGGAGE_COLUMNS = [
  'baggage_tag',
  'passenger_id',
  'booking_id',
  'flight_id',
  'status',
  'weight_kg',
  'pieces',
  'last_scan_location',
  'last_scan_time',
] as const;

export function baggageRows(bags: readonly Bag[]): Row[] {
  return bags.map((b) => ({
    baggage_tag: b.tag,
    passenger_id: b.booking.passenger.id,
    booking_id: b.booking.id,
    flight_id: b.booking.passenger.flight.id,
    status: b.status,
    weight_kg: fixed(b.weight),
    pieces: 1,
    last_scan_location: b.location,
    last_scan_time: iso(b.scanAt),
  }));
}
