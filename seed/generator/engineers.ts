// Maintenance staff (hub and a few outstations) and their roster on today's work orders.
// Every roster line uses the staff member's own shift at the place the work is done.

import type { Row } from './csv.js';
import { rosterId } from './ids.js';
import type { WorkOrder } from './maintenance.js';
import { person, profile } from './people.js';
import type { Rng } from './prng.js';
import { HUB } from './reference.js';
import { DISRUPTED, SWAPS } from './story.js';
import { hhmm, iso } from './time.js';

export const MAINT_ROSTER_TARGET = 100;

type Shift = 'DAY' | 'NIGHT';

export interface Engineer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: string;
  readonly licence: string;
  readonly base: string;
  readonly shift: Shift;
}

export interface MaintRosterLine {
  readonly id: string;
  readonly staff: Engineer;
  readonly workOrder: WorkOrder;
  readonly start: number;
  readonly end: number;
  readonly location: string;
  readonly task: string;
}

const ROLES: readonly (readonly [string, string, number])[] = [
  ['Licensed Aircraft Engineer', 'B1', 10],
  ['Avionics Engineer', 'B2', 6],
  ['Certifying Engineer', 'C', 3],
  ['Aircraft Technician', 'A', 8],
  ['Hydraulics Specialist', 'B1', 2],
  ['Structures Technician', 'A', 2],
  ['Shift Supervisor', 'B1', 2],
];

/** UTC start of the day shift at each base (12-hour shifts; night follows day). */
const DAY_SHIFT_START: Readonly<Record<string, number>> = { AUH: 3 * 60, CDG: 5 * 60, LHR: 6 * 60, BKK: 0 };

const STAFFING: readonly (readonly [string, number, readonly string[]])[] = [
  [HUB, 40, ['IN', 'INK', 'PK', 'PH', 'AE', 'GB', 'EG']],
  ['CDG', 6, ['FR']],
  ['LHR', 2, ['GB']],
  ['BKK', 2, ['TH']],
];

export function buildEngineers(rng: Rng): Engineer[] {
  let serial = rng.int(20_000, 29_000);
  const out: Engineer[] = [];
  for (const [base, count, profiles] of STAFFING) {
    for (let i = 0; i < count; i++) {
      const who = person(rng, profile(rng.pick(profiles)));
      // the first few at each base are the certifying core every shift needs
      const [role, licence] =
        i === 0
          ? (['Shift Supervisor', 'B1'] as const)
          : i === 1
            ? (['Hydraulics Specialist', 'B1'] as const)
            : rng.weighted(ROLES.map(([r, l, w]) => [[r, l] as const, w] as const));
      serial += rng.int(1, 30);
      out.push({
        id: `MX${serial}`,
        firstName: who.firstName,
        lastName: who.lastName,
        role,
        licence,
        base,
        shift: base === 'CDG' ? (i < 4 ? 'DAY' : 'NIGHT') : i % 2 === 0 ? 'DAY' : 'NIGHT',
      });
    }
  }
  return out;
}

function shiftSpan(e: Engineer, previousNight = false): [number, number] {
  const dayStart = DAY_SHIFT_START[e.base] ?? 0;
  const start = e.shift === 'DAY' ? dayStart : dayStart + 12 * 60 - (previousNight ? 24 * 60 : 0);
  return [start, start + 12 * 60];
}

function taskFor(e: Engineer, wo: WorkOrder): string {
  if (wo.priority === 'AOG')
    return e.licence === 'C' || e.role === 'Shift Supervisor'
      ? 'AOG coordination and release to service'
      : `AOG rectification: ${wo.description.split(';')[0]}`;
  switch (e.licence) {
    case 'B2':
      return 'Avionics troubleshooting and functional test';
    case 'C':
      return 'Certify release to service';
    case 'A':
      return 'Access, panel removal and assistance';
    default:
      return 'Rectification and certification';
  }
}

export function buildMaintRoster(rng: Rng, staff: readonly Engineer[], orders: readonly WorkOrder[]): MaintRosterLine[] {
  const lines: MaintRosterLine[] = [];
  const load = new Map<string, number>();
  const add = (e: Engineer, wo: WorkOrder, previousNight = false): void => {
    const [start, end] = shiftSpan(e, previousNight);
    load.set(e.id, (load.get(e.id) ?? 0) + 1);
    lines.push({ id: '', staff: e, workOrder: wo, start, end, location: wo.location, task: taskFor(e, wo) });
  };
  const at = (base: string, shift?: Shift): Engineer[] =>
    staff.filter((e) => e.base === base && (shift === undefined || e.shift === shift)).sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0));

  const cdgDay = at('CDG', 'DAY');
  const cdgNight = at('CDG', 'NIGHT');
  const aogOrders = orders.filter((w) => w.registration === DISRUPTED.registration);
  const [leak, brake, melFix] = aogOrders;
  // the AOG is worked through the CDG day shift and handed to the night shift before release
  if (leak) [cdgDay[0], cdgDay[1], cdgDay[2], cdgNight[0]].forEach((e) => e && add(e, leak));
  if (brake) [cdgDay[1], cdgDay[3], cdgNight[1]].forEach((e) => e && add(e, brake));
  if (melFix) [cdgDay[3]].forEach((e) => e && add(e, melFix));
  const oxygen = orders.find((w) => w.registration === SWAPS.small);
  if (oxygen && cdgDay[2]) add(cdgDay[2], oxygen);
  const aCheck = orders.find((w) => w.registration === SWAPS.maint);
  if (aCheck) {
    at(HUB, 'NIGHT')
      .slice(0, 3)
      .forEach((e) => add(e, aCheck, true));
    at(HUB, 'DAY')
      .slice(0, 4)
      .forEach((e) => add(e, aCheck));
  }

  const routine = rng.shuffle(orders.filter((w) => w.location === HUB && w.registration !== SWAPS.maint && w.status !== 'DEFERRED'));
  for (const wo of routine) {
    if (lines.length >= MAINT_ROSTER_TARGET) break;
    // work closed before today was done on last night's shift; the rest is on today's shifts
    const previousNight = wo.status === 'CLOSED' && wo.openedAt < 0;
    const shift: Shift = previousNight ? 'NIGHT' : wo.status === 'CLOSED' ? 'DAY' : rng.pick(['DAY', 'NIGHT'] as const);
    const crew = at(HUB, shift)
      .filter((e) => (load.get(e.id) ?? 0) < 3)
      .slice(0, rng.int(1, 2));
    for (const e of crew) if (lines.length < MAINT_ROSTER_TARGET) add(e, wo, previousNight);
  }
  return lines.map((l, i) => ({ ...l, id: rosterId(i + 1) }));
}

export const MAINT_STAFF_COLUMNS = ['staff_id', 'first_name', 'last_name', 'role', 'licence', 'base', 'shift_pattern'] as const;

export function engineerRows(staff: readonly Engineer[]): Row[] {
  return staff.map((e) => {
    const [start, end] = shiftSpan(e);
    return {
      staff_id: e.id,
      first_name: e.firstName,
      last_name: e.lastName,
      role: e.role,
      licence: e.licence,
      base: e.base,
      shift_pattern: `4ON4OFF ${e.shift} ${hhmm(start)}-${hhmm(end)}`,
    };
  });
}

export const MAINT_ROSTER_COLUMNS = ['roster_id', 'staff_id', 'workorder_id', 'shift_start', 'shift_end', 'location', 'task'] as const;

export function maintRosterRows(lines: readonly MaintRosterLine[]): Row[] {
  return lines.map((l) => ({
    roster_id: l.id,
    staff_id: l.staff.id,
    workorder_id: l.workOrder.id,
    shift_start: iso(l.start),
    shift_end: iso(l.end),
    location: l.location,
    task: l.task,
  }));
}
