// The 346 passengers of the disrupted flight as the disruption desk sees them:
// onward connections at AUH, special service requests, hotel needs, rebooking state.

import { flag, type Row } from './csv.js';
import { type Flight, laterFlights, type Schedule } from './flights.js';
import type { Passenger } from './passengers.js';
import type { Rng } from './prng.js';
import { HUB } from './reference.js';
import { MIN_CONNECT_MIN } from './story.js';
import { hhmm } from './time.js';

export type RebookingStatus = 'PENDING' | 'PROTECTED' | 'REBOOKED' | 'WAITLISTED' | 'REFUND_REQUESTED';

export interface DisruptedPassenger {
  readonly passenger: Passenger;
  readonly connection: Flight | undefined;
  readonly hotel: boolean;
  readonly status: RebookingStatus;
  readonly priority: string;
  readonly ssr: readonly string[];
  readonly rebooked: Flight | undefined;
  readonly voucher: boolean;
  readonly notes: string;
}

/** Slack bands (minutes between scheduled arrival and the onward departure) and their share. */
const SLACK_BANDS: readonly (readonly [[number, number], number])[] = [
  [[45, 90], 0.22],
  [[90, 180], 0.3],
  [[180, 300], 0.26],
  [[300, 480], 0.22],
];

const SSR: readonly (readonly [string, number])[] = [
  ['', 860],
  ['WCHR', 45],
  ['WCHS', 12],
  ['WCHC', 5],
  ['MAAS', 20],
  ['BLND', 6],
  ['DEAF', 6],
  ['PETC', 10],
  ['WCHR;MAAS', 10],
  ['BLND;MAAS', 4],
  ['WCHC;MAAS', 3],
  ['DEAF;WCHR', 2],
];

const QUOTED_NOTES = ['Asked for "aisle seat, any flight tonight"', 'Travelling with a "fragile" musical instrument in the cabin'];

/** Onward flights a CDG passenger could hold: leaving AUH within 45 min to 8 h of the scheduled arrival. */
export function connectionCandidates(schedule: Schedule): Flight[] {
  const d = schedule.disrupted;
  const chain = new Set<Flight>();
  for (let f = d.downline; f; f = f.downline) chain.add(f);
  return schedule.flights.filter(
    (f) => f.origin === HUB && f.destination !== d.origin && !chain.has(f) && f.dep - d.arr >= 45 && f.dep - d.arr <= 480,
  );
}

export function buildDisrupted(rng: Rng, schedule: Schedule, passengers: readonly Passenger[]): DisruptedPassenger[] {
  const d = schedule.disrupted;
  const onFlight = passengers.filter((p) => p.flight === d);
  const candidates = connectionCandidates(schedule);
  const rebookTargets = laterFlights(schedule, d.origin, HUB, d.dep);
  if (rebookTargets.length < 2) throw new Error('the story needs two later flights on the disrupted route');

  const parties = new Map<string, Passenger[]>();
  for (const p of onFlight) parties.set(p.pnr, [...(parties.get(p.pnr) ?? []), p]);

  // two children travelling alone, so that the desk sees UMNR handling
  const solo = [...parties.values()].filter((party) => party.length === 1 && party[0]?.cabin === 'Economy').flat();
  const minors = new Set(rng.sample(solo, 2));

  const out: DisruptedPassenger[] = [];
  let quoted = 0;
  for (const party of parties.values()) {
    // a travel party shares its onward flight
    let connection: Flight | undefined;
    if (rng.chance(0.32)) {
      const [lo, hi] = rng.weighted(SLACK_BANDS);
      const band = candidates.filter((f) => f.dep - d.arr >= lo && f.dep - d.arr < hi);
      connection = rng.pick(band.length > 0 ? band : candidates);
    }
    const slack = connection ? connection.dep - d.arr : undefined;
    for (const p of party) {
      const ssr = minors.has(p) ? 'UMNR' : rng.weighted(SSR);
      const ssrList = ssr ? ssr.split(';') : [];
      const hotel = slack === undefined ? rng.chance(0.04) : slack >= 300 ? rng.chance(0.7) : rng.chance(slack < 90 ? 0.2 : 0.1);
      const status = rng.weighted([
        ['PENDING', 68],
        ['PROTECTED', 12],
        ['REBOOKED', 9],
        ['WAITLISTED', 7],
        ['REFUND_REQUESTED', 4],
      ] as const);
      const rebooked = status === 'PROTECTED' || status === 'REBOOKED' ? rng.pick(rebookTargets) : undefined;
      const vulnerable = ssrList.some((s) => ['UMNR', 'WCHC', 'BLND', 'MAAS'].includes(s));
      const priority =
        p.category !== 'Regular' || vulnerable
          ? 'P1'
          : (slack !== undefined && slack < 180) || p.cabin !== 'Economy'
            ? 'P2'
            : slack !== undefined || hotel
              ? 'P3'
              : 'P4';
      let notes = '';
      if (p.category === 'VVIP') notes = 'Protocol team to meet at the gate; handle via the Premium desk';
      else if (ssrList.includes('UMNR')) notes = 'Unaccompanied minor: escort to be handed over at AUH\nGuardian contact verified at check-in';
      else if (connection && slack !== undefined && slack - 120 < MIN_CONNECT_MIN && rng.chance(0.25))
        notes = `Connecting to ${connection.number}, departs ${hhmm(connection.dep)}, at risk`;
      else if (quoted < QUOTED_NOTES.length && rng.chance(0.02)) notes = QUOTED_NOTES[quoted++] ?? '';
      else if (hotel && rng.chance(0.3)) notes = 'Hotel and transport needed if the connection is lost';
      out.push({
        passenger: p,
        connection,
        hotel,
        status,
        priority,
        ssr: ssrList,
        rebooked,
        voucher: rng.chance(0.45),
        notes,
      });
    }
  }
  // keep the file in the passengers' order
  const order = new Map(onFlight.map((p, i) => [p, i]));
  return out.sort((a, b) => (order.get(a.passenger) ?? 0) - (order.get(b.passenger) ?? 0));
}

export const DISRUPTED_COLUMNS = [
  'passenger_id',
  'flight_id',
  'has_connection',
  'connecting_flight_number',
  'connecting_flight_id',
  'requires_hotel',
  'rebooking_status',
  'priority',
  'ssr_codes',
  'cabin_class',
  'passenger_category',
  'final_destination',
  'rebooked_flight_id',
  'meal_voucher_issued',
  'notes',
] as const;

export function disruptedRows(rows: readonly DisruptedPassenger[]): Row[] {
  return rows.map((r) => ({
    passenger_id: r.passenger.id,
    flight_id: r.passenger.flight.id,
    has_connection: flag(r.connection !== undefined),
    connecting_flight_number: r.connection?.number,
    connecting_flight_id: r.connection?.id,
    requires_hotel: flag(r.hotel),
    rebooking_status: r.status,
    priority: r.priority,
    ssr_codes: r.ssr.join(';'),
    cabin_class: r.passenger.cabin,
    passenger_category: r.passenger.category,
    final_destination: r.connection?.destination ?? HUB,
    rebooked_flight_id: r.rebooked?.id,
    meal_voucher_issued: flag(r.voucher),
    notes: r.notes,
  }));
}
