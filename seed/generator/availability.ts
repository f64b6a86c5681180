// Availability windows: 168 contiguous windows covering the day for the 56 aircraft.
// A window opens where the aircraft is on the ground (night-stop, an arrival, a check) and lasts until the next one.

import type { Row } from './csv.js';
import type { Flight, Schedule } from './flights.js';
import type { MelItem } from './mel.js';
import type { Rng } from './prng.js';
import { type Aircraft, FLEET, HUB } from './reference.js';
import { AOG_UNTIL, DISRUPTED, SMALL_SWAP_WO_DUE, SWAP_READY, SWAPS } from './story.js';
import { DAY_MINUTES, hhmm, iso } from './time.js';

export const AVAILABILITY_COUNT = 168;

export type AvailabilityStatus = 'AVAILABLE' | 'AOG' | 'MAINT';

export interface Window {
  readonly registration: string;
  readonly start: number;
  readonly end: number;
  readonly status: AvailabilityStatus;
  readonly location: string;
  readonly remarks: string;
}

interface Cut {
  readonly start: number;
  readonly status: AvailabilityStatus;
  readonly location: string;
  readonly remarks: string;
}

const cut = (start: number, status: AvailabilityStatus, location: string, remarks: string): Cut => ({ start, status, location, remarks });

function storyCuts(reg: string, flights: readonly Flight[]): Cut[] | undefined {
  const arrivalAt = (code: string): number => flights.find((f) => f.destination === code)?.arr ?? 0;
  const numberTo = (code: string): string => flights.find((f) => f.destination === code)?.number ?? '';
  switch (reg) {
    case DISRUPTED.registration:
      return [
        cut(0, 'AVAILABLE', 'CDG', 'Night-stop at CDG'),
        cut(DISRUPTED.aogFrom, 'AOG', 'CDG', 'Green hydraulic leak at left main gear found at walk-around; brake unit change required'),
        cut(AOG_UNTIL, 'AVAILABLE', 'CDG', `Estimated release to service after repair (${hhmm(AOG_UNTIL)})`),
      ];
    case SWAPS.local:
      return [
        cut(0, 'AVAILABLE', HUB, 'Available at AUH before the night departure'),
        cut(arrivalAt('CDG'), 'AVAILABLE', 'CDG', `Day-stop at CDG after ${numberTo('CDG')}; ready for a swap ${hhmm(SWAP_READY.local)}`),
      ];
    case SWAPS.small:
      return [
        cut(0, 'MAINT', 'CDG', `Night-stop at CDG; open cabin work order due ${hhmm(SMALL_SWAP_WO_DUE)}`),
        cut(SMALL_SWAP_WO_DUE, 'AVAILABLE', 'CDG', 'Released once the cabin work order is closed'),
        cut(arrivalAt(HUB), 'AVAILABLE', HUB, `On ground at AUH after ${numberTo(HUB)}`),
      ];
    case SWAPS.ferry:
      return [
        cut(0, 'AVAILABLE', HUB, 'Hub spare at AUH until the evening rotation'),
        cut(arrivalAt('KHI'), 'AVAILABLE', 'KHI', `Turnaround at KHI after ${numberTo('KHI')}`),
        cut(arrivalAt(HUB), 'AVAILABLE', HUB, `On ground at AUH after ${numberTo(HUB)}`),
      ];
    case SWAPS.maint:
      return [
        cut(0, 'MAINT', HUB, `A-check in the AUH hangar until ${hhmm(SWAP_READY.maint)}`),
        cut(SWAP_READY.maint, 'AVAILABLE', HUB, 'Released from A-check'),
      ];
    default:
      return undefined;
  }
}

interface Plan {
  readonly aircraft: Aircraft;
  readonly fixed: boolean;
  readonly mandatory: Cut[];
  readonly optional: Cut[];
  count: number;
}

function planFor(rng: Rng, ac: Aircraft, flights: readonly Flight[], withCheck: boolean): Plan {
  const story = storyCuts(ac.registration, flights);
  if (story) return { aircraft: ac, fixed: true, mandatory: story, optional: [], count: story.length };
  const first = flights[0];
  const mandatory: Cut[] = [
    cut(0, 'AVAILABLE', first?.origin ?? HUB, first && first.origin !== HUB ? `Night-stop at ${first.origin}` : 'Available at AUH'),
  ];
  const optional: Cut[] = [];
  let checkSpan: [number, number] | undefined;
  if (withCheck && first && first.origin === HUB && first.dep >= 300) {
    // an overnight check at the hub, released an hour and a half before the first departure
    const release = first.dep - 90;
    mandatory[0] = cut(
      0,
      'MAINT',
      HUB,
      rng.pick(['Overnight daily check', 'Overnight weekly check', 'Overnight cabin deep clean and IFE software load']),
    );
    mandatory.push(cut(release, 'AVAILABLE', HUB, 'Released from the overnight check'));
    checkSpan = [0, release];
  }
  flights.forEach((f, i) => {
    const next = flights[i + 1];
    const ground = (next?.dep ?? DAY_MINUTES) - f.arr;
    if (withCheck && !checkSpan && f.destination === HUB && ground >= 210 && f.arr + 30 < DAY_MINUTES - 90) {
      // a long hub ground time is where the daily/weekly checks happen
      const from = f.arr + 30;
      const to = Math.min(next ? next.dep - 60 : DAY_MINUTES - 15, from + rng.int(3, 6) * 60);
      checkSpan = [from, to];
      mandatory.push(
        cut(
          from,
          'MAINT',
          HUB,
          rng.pick(['Weekly check', 'Scheduled A-check task', 'Cabin deep clean and IFE software load', 'Borescope inspection (scheduled)']),
        ),
      );
      mandatory.push(cut(to, 'AVAILABLE', HUB, 'Released from scheduled maintenance'));
    }
  });
  for (const f of flights) {
    if (f.arr >= DAY_MINUTES) continue;
    if (checkSpan && f.arr >= checkSpan[0] - 30 && f.arr <= checkSpan[1]) continue;
    optional.push(cut(f.arr, 'AVAILABLE', f.destination, `On ground at ${f.destination} after ${f.number}`));
  }
  return { aircraft: ac, fixed: false, mandatory, optional, count: mandatory.length + Math.min(optional.length, rng.int(1, 3)) };
}

function windowsOf(rng: Rng, plan: Plan): Window[] {
  const extra = plan.count - plan.mandatory.length;
  const cuts = [...plan.mandatory, ...rng.sample(plan.optional, extra)].sort((a, b) => a.start - b.start);
  const windows = cuts.map((c, i) => ({
    registration: plan.aircraft.registration,
    start: c.start,
    end: cuts[i + 1]?.start ?? DAY_MINUTES,
    status: c.status,
    location: c.location,
    remarks: c.remarks,
  }));
  if (windows.some((w) => w.start >= w.end)) throw new Error(`empty availability window for ${plan.aircraft.registration}`);
  return windows;
}

export function buildAvailability(rng: Rng, schedule: Schedule): Window[] {
  const checks = new Set(
    rng.sample(
      FLEET.map((a) => a.registration),
      36,
    ),
  );
  const plans = FLEET.map((ac) => planFor(rng, ac, schedule.byRegistration.get(ac.registration) ?? [], checks.has(ac.registration)));
  const total = (): number => plans.reduce((n, p) => n + p.count, 0);
  const adjustable = plans.filter((p) => !p.fixed);
  // nudge the free aircraft one window at a time until the fleet has exactly 168
  for (let k = 0; total() !== AVAILABILITY_COUNT; k++) {
    if (k > 10_000) throw new Error('cannot reach the availability row count');
    const p = adjustable[k % adjustable.length] as Plan;
    if (total() < AVAILABILITY_COUNT && p.count < p.mandatory.length + p.optional.length) p.count++;
    else if (total() > AVAILABILITY_COUNT && p.count > Math.max(2, p.mandatory.length)) p.count--;
  }
  return plans.flatMap((p) => windowsOf(rng, p));
}

export const AVAILABILITY_COLUMNS = [
  'aircraft_registration',
  'availability_start',
  'availability_end',
  'availability_status',
  'aircraft_type',
  'location',
  'mel_status',
  'mel_category',
  'mel_dispatch_impact',
  'remarks',
] as const;

export function availabilityRows(windows: readonly Window[], mel: ReadonlyMap<string, MelItem>): Row[] {
  return windows.map((w) => {
    const item = mel.get(w.registration);
    const type = FLEET.find((a) => a.registration === w.registration)?.type;
    return {
      aircraft_registration: w.registration,
      availability_start: iso(w.start),
      availability_end: iso(w.end),
      availability_status: w.status,
      aircraft_type: type,
      location: w.location,
      mel_status: item ? 'ACTIVE' : 'NONE',
      mel_category: item?.category,
      mel_dispatch_impact:
        w.status === 'AOG' ? `NO-GO until the hydraulic leak is fixed; MEL ${item?.item ?? ''} remains open` : item?.dispatchImpact,
      remarks: w.remarks,
    };
  });
}
