// One row per passenger: 11,406 in all, 346 of them on the disrupted flight.
// Loads are a sample of each flight (scaled down so the day adds up), in travel parties sharing a PNR.

import { fixed, flag, type Row } from './csv.js';
import type { Flight, Schedule } from './flights.js';
import {
  BEVERAGES,
  INFLUENCER_PROFESSIONS,
  MEALS,
  person,
  PROFESSIONS,
  preferredLanguage,
  profileForRoute,
  type Profile,
  VIP_PROFESSIONS,
  VVIP_PROFESSIONS,
} from './people.js';
import type { Rng } from './prng.js';
import { type Cabin, HUB, station, TYPES } from './reference.js';
import { DISRUPTED } from './story.js';

export const PASSENGER_COUNT = 11_406;

export type Category = 'Regular' | 'VIP' | 'VVIP';

export interface Passenger {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly category: Category;
  readonly influencer: boolean;
  readonly score: number;
  readonly flight: Flight;
  readonly profession: string;
  readonly language: string;
  readonly meal: string;
  readonly beverage: string;
  readonly pnr: string;
  readonly travelerId: string;
  readonly cabin: Cabin;
  readonly seat: string;
  readonly nationality: string;
  readonly loyaltyTier: string;
}

/** Largest-remainder rounding: integer loads proportional to `weights` that sum to `total`. */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
  for (let k = 0; left > 0; k++, left--) {
    const i = byRemainder[k % byRemainder.length] ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  // only reachable when the floor of 1 per flight overshoots: take back from the largest loads
  while (left < 0) {
    const i = out.indexOf(Math.max(...out));
    out[i] = (out[i] ?? 1) - 1;
    left++;
  }
  return out;
}

function seatsFor(rng: Rng, flight: Flight, cabin: Cabin): string[] {
  const layout = TYPES[flight.type].layout.find((c) => c.cabin === cabin);
  if (!layout) return [];
  const seats: string[] = [];
  for (let row = layout.firstRow; seats.length < layout.seats; row++) {
    for (const letter of layout.letters) if (seats.length < layout.seats) seats.push(`${row}${letter}`);
  }
  return rng.shuffle(seats);
}

const PNR_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function cabinCounts(rng: Rng, flight: Flight, n: number, disrupted: boolean): Record<Cabin, number> {
  if (disrupted) return { ...DISRUPTED.cabins };
  const layout = TYPES[flight.type].layout;
  const cap = (c: Cabin): number => layout.find((l) => l.cabin === c)?.seats ?? 0;
  const first = Math.min(cap('First'), Math.round(n * rng.float(0, 0.03)));
  const business = Math.min(cap('Business'), Math.round(n * rng.float(0.05, 0.14)));
  return { First: first, Business: business, Economy: n - first - business };
}

export function buildPassengers(rng: Rng, schedule: Schedule): Passenger[] {
  const others = schedule.flights.filter((f) => f !== schedule.disrupted);
  const weights = others.map((f) => (TYPES[f.type].widebody ? rng.int(150, 300) : rng.int(60, 170)));
  const loads = apportion(weights, PASSENGER_COUNT - DISRUPTED.passengers);
  const loadOf = new Map<Flight, number>(others.map((f, i) => [f, loads[i] ?? 0]));
  loadOf.set(schedule.disrupted, DISRUPTED.passengers);

  const pnrs = new Set<string>();
  const newPnr = (): string => {
    for (;;) {
      const p = Array.from({ length: 6 }, () => rng.pick([...PNR_CHARS])).join('');
      if (!pnrs.has(p)) {
        pnrs.add(p);
        return p;
      }
    }
  };
  let serial = rng.int(10_000_000, 19_999_999);
  let travelerSerial = rng.int(100_000_000, 199_999_999);
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const out: Passenger[] = [];

  for (const flight of schedule.flights) {
    const n = loadOf.get(flight) ?? 0;
    const counts = cabinCounts(rng, flight, n, flight === schedule.disrupted);
    const cabins: Cabin[] = [
      ...Array<Cabin>(counts.First).fill('First'),
      ...Array<Cabin>(counts.Business).fill('Business'),
      ...Array<Cabin>(counts.Economy).fill('Economy'),
    ];
    const seatPools: Record<Cabin, string[]> = {
      First: seatsFor(rng, flight, 'First'),
      Business: seatsFor(rng, flight, 'Business'),
      Economy: seatsFor(rng, flight, 'Economy'),
    };
    const home = station(flight.origin === HUB ? flight.destination : flight.origin).homeProfile;
    let i = 0;
    while (i < cabins.length) {
      const cabin = cabins[i] as Cabin;
      // a travel party shares PNR, nationality and usually surname, and sits in one cabin
      let size: number = rng.weighted([
        [1, 55],
        [2, 25],
        [3, 10],
        [4, 7],
        [5, 3],
      ] as const);
      while (i + size > cabins.length || cabins[i + size - 1] !== cabin) size--;
      const pnr = newPnr();
      const party: Profile = profileForRoute(rng, home);
      const family = size > 1 && rng.chance(0.6) ? person(rng, party).lastName : undefined;
      for (let k = 0; k < size; k++) {
        serial += rng.int(1, 60);
        travelerSerial += rng.int(1, 40);
        const who = person(rng, party);
        const premium = cabin !== 'Economy';
        const vvip = rng.chance(cabin === 'First' ? 0.12 : cabin === 'Business' ? 0.03 : 0.0015);
        const vip = !vvip && rng.chance(cabin === 'First' ? 0.3 : cabin === 'Business' ? 0.12 : 0.018);
        const category: Category = vvip ? 'VVIP' : vip ? 'VIP' : 'Regular';
        const influencer = rng.chance(0.01);
        const child = size > 2 && k >= 2 && rng.chance(0.5);
        const score =
          category === 'VVIP'
            ? rng.float(92, 100)
            : category === 'VIP'
              ? rng.float(72, 97)
              : rng.float(0, 55) + rng.float(0, 30) + (premium ? 12 : 0);
        const profession = child
          ? 'Student'
          : influencer
            ? rng.pick(INFLUENCER_PROFESSIONS)
            : category === 'VVIP'
              ? rng.pick(VVIP_PROFESSIONS)
              : category === 'VIP'
                ? rng.pick(VIP_PROFESSIONS)
                : rng.weighted(PROFESSIONS);
        const tier =
          category !== 'Regular'
            ? rng.pick(['Gold', 'Platinum'])
            : rng.weighted([
                ['', 40],
                ['Bronze', 33],
                ['Silver', 16],
                ['Gold', 8],
                ['Platinum', 3],
              ] as const);
        out.push({
          id: `${rng.int(10, 29)}${rng.pick([...letters])}${String(serial).padStart(8, '0')}${rng.pick([...letters])}`,
          firstName: who.firstName,
          lastName: family ?? who.lastName,
          category,
          influencer,
          score: Math.min(100, Math.round(score * 100) / 100),
          flight,
          profession,
          language: preferredLanguage(rng, party),
          meal: child ? 'CHML' : rng.weighted(MEALS.filter(([m]) => m !== 'CHML')),
          beverage: rng.pick(BEVERAGES),
          pnr,
          travelerId: `T${travelerSerial}`,
          cabin,
          seat: seatPools[cabin].pop() ?? '',
          nationality: party.nationality,
          loyaltyTier: tier,
        });
      }
      i += size;
    }
  }
  if (out.length !== PASSENGER_COUNT) throw new Error(`built ${out.length} passengers`);
  return out;
}

export const PASSENGER_COLUMNS = [
  'passenger_id',
  'first_name',
  'last_name',
  'passenger_category',
  'is_influencer',
  'customer_value_score',
  'flight_id',
  'flight_number',
  'aircraft_type',
  'aircraft_registration',
  'departure_airport',
  'arrival_airport',
  'profession',
  'preferred_language',
  'meal_preference',
  'beverage_preference',
  'pnr',
  'traveler_id',
  'cabin_class',
  'seat_number',
  'nationality',
  'loyalty_tier',
] as const;

export function passengerRows(passengers: readonly Passenger[]): Row[] {
  return passengers.map((p) => ({
    passenger_id: p.id,
    first_name: p.firstName,
    last_name: p.lastName,
    passenger_category: p.category,
    is_influencer: flag(p.influencer),
    customer_value_score: fixed(p.score),
    flight_id: p.flight.id,
    flight_number: p.flight.number,
    aircraft_type: p.flight.type,
    aircraft_registration: p.flight.registration,
    departure_airport: p.flight.origin,
    arrival_airport: p.flight.destination,
    profession: p.profession,
    preferred_language: p.language,
    meal_preference: p.meal,
    beverage_preference: p.beverage,
    pnr: p.pnr,
    traveler_id: p.travelerId,
    cabin_class: p.cabin,
    seat_number: p.seat,
    nationality: p.nationality,
    loyalty_tier: p.loyaltyTier,
  }));
}
