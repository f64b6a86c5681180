// Maintenance work orders: the AOG aircraft's open defects, the swap candidates'
// blockers, one deferral per active MEL item and routine work across the fleet.

import { fixed, type Row } from './csv.js';
import { MEL_DAYS, type MelItem } from './mel.js';
import type { Rng } from './prng.js';
import { FLEET, HUB } from './reference.js';
import { AOG_UNTIL, DISRUPTED, SMALL_SWAP_WO_DUE, SWAP_READY, SWAPS } from './story.js';
import { iso, SNAPSHOT_MIN } from './time.js';

export const WORK_ORDER_TARGET = 100;

export type WoStatus = 'OPEN' | 'IN_PROGRESS' | 'DEFERRED' | 'CLOSED';
export type WoPriority = 'AOG' | 'HIGH' | 'MEDIUM' | 'LOW';

export interface WorkOrder {
  readonly id: string;
  readonly registration: string;
  readonly status: WoStatus;
  readonly priority: WoPriority;
  readonly description: string;
  readonly ata: string;
  readonly melItem: string | undefined;
  readonly openedAt: number;
  readonly dueAt: number;
  readonly estimatedHours: number;
  /** Where the work is done (not a column: the roster puts staff there). */
  readonly location: string;
}

const ROUTINE: readonly (readonly [string, string])[] = [
  ['21', 'Cabin zone 3 temperature sensor fault; replace sensor'],
  ['23', 'PA crackling in aft cabin; troubleshoot amplifier'],
  ['24', 'IDG 2 oil filter differential pressure indication; replace filter'],
  ['25', 'Economy seat recline inoperative; repair actuator'],
  ['26', 'Lavatory smoke detector self-test failure; replace detector'],
  ['27', 'Spoiler 4 actuator slow to retract; inspect and test'],
  ['28', 'Fuel quantity indication discrepancy, centre tank; recalibrate'],
  ['29', 'Blue system hydraulic pump case drain filter change (scheduled)'],
  ['30', 'Wing anti-ice valve position fault; replace valve'],
  ['31', 'Flight data recorder frame error; download and check'],
  ['32', 'Nose wheel tyre worn to limit; replace tyre'],
  ['33', 'Left wing landing light inoperative; replace lamp'],
  ['34', 'ADIRU 2 alignment fault; reset and test'],
  ['35', 'Passenger oxygen generators at expiry; replace'],
  ['36', 'Bleed leak detection loop fault; inspect loop'],
  ['38', 'Potable water quantity indication fault'],
  ['44', 'IFE seat box fault, row 22; replace seat electronics box'],
  ['49', 'APU slow start; inspect igniter plug'],
  ['52', 'Forward cargo door seal damaged; replace seal'],
  ['71', 'Engine 1 fan blade lubrication (scheduled)'],
  ['72', 'Engine 2 borescope inspection follow-up'],
  ['79', 'Engine 1 oil consumption monitoring'],
];

export function buildWorkOrders(rng: Rng, mel: ReadonlyMap<string, MelItem>): WorkOrder[] {
  let serial = rng.int(4_500_000, 4_590_000);
  const nextId = (): string => `WO${(serial += rng.int(1, 40))}`;
  const wo = (w: Omit<WorkOrder, 'id'>): WorkOrder => ({ id: nextId(), ...w });
  const out: WorkOrder[] = [];
  const aog = DISRUPTED.registration;

  out.push(
    wo({
      registration: aog,
      status: 'IN_PROGRESS',
      priority: 'AOG',
      description: 'Green hydraulic system leak at left MLG retraction actuator; replace actuator seals and leak check',
      ata: '29',
      melItem: undefined,
      openedAt: DISRUPTED.aogFrom,
      dueAt: AOG_UNTIL,
      estimatedHours: 6.5,
      location: DISRUPTED.origin,
    }),
    wo({
      registration: aog,
      status: 'OPEN',
      priority: 'AOG',
      description: 'Left MLG brake unit 3 contaminated with hydraulic fluid; replace brake unit (part ex AUH on the next flight)',
      ata: '32',
      melItem: undefined,
      openedAt: DISRUPTED.aogFrom + 15,
      dueAt: AOG_UNTIL,
      estimatedHours: 3,
      location: DISRUPTED.origin,
    }),
  );
  for (const item of mel.values()) {
    const opened = -item.deferredAgo;
    const storyAog = item.registration === aog;
    out.push(
      wo({
        registration: item.registration,
        status: storyAog ? 'OPEN' : 'DEFERRED',
        priority: storyAog ? 'HIGH' : item.category === 'D' ? 'LOW' : 'MEDIUM',
        description: `${item.description} (deferred under MEL ${item.category})${storyAog ? '; rectify with the brake change' : ''}`,
        ata: item.ata,
        melItem: item.item,
        openedAt: opened,
        dueAt: opened + MEL_DAYS[item.category] * 24 * 60,
        estimatedHours: rng.decimal(1, 4, 1),
        location: storyAog ? DISRUPTED.origin : HUB,
      }),
    );
  }
  out.push(
    wo({
      registration: SWAPS.small,
      status: 'OPEN',
      priority: 'HIGH',
      description: 'Passenger oxygen mask door 34K not latched; re-stow masks and functional test',
      ata: '35',
      melItem: undefined,
      openedAt: -300,
      dueAt: SMALL_SWAP_WO_DUE,
      estimatedHours: 1.5,
      location: 'CDG',
    }),
    wo({
      registration: SWAPS.maint,
      status: 'IN_PROGRESS',
      priority: 'HIGH',
      description: 'A-check (scheduled); includes flap track lubrication and cabin emergency equipment checks',
      ata: '05',
      melItem: undefined,
      openedAt: -240,
      dueAt: SWAP_READY.maint,
      estimatedHours: 22,
      location: HUB,
    }),
  );

  // the story aircraft keep exactly the work orders the story gives them
  const story = new Set<string>([aog, ...Object.values(SWAPS)]);
  const routineFleet = FLEET.filter((a) => !story.has(a.registration));
  while (out.length < WORK_ORDER_TARGET) {
    const ac = rng.pick(routineFleet);
    const [ata, description] = rng.pick(ROUTINE);
    const status = rng.weighted([
      ['CLOSED', 40],
      ['OPEN', 25],
      ['IN_PROGRESS', 15],
      ['DEFERRED', 20],
    ] as const);
    const opened = status === 'CLOSED' ? rng.int(-10 * 24 * 60, SNAPSHOT_MIN - 120) : rng.int(-5 * 24 * 60, SNAPSHOT_MIN - 30);
    let due = opened + rng.int(1, 14) * 24 * 60;
    // work still open is not overdue: it falls due later today or in the coming days
    if (status !== 'CLOSED' && due < SNAPSHOT_MIN + 600) due = SNAPSHOT_MIN + rng.int(10, 96) * 60;
    out.push(
      wo({
        registration: ac.registration,
        status,
        priority: rng.weighted([
          ['HIGH', 10],
          ['MEDIUM', 50],
          ['LOW', 40],
        ] as const),
        description,
        ata,
        melItem: undefined,
        openedAt: opened,
        dueAt: due,
        estimatedHours: rng.decimal(0.5, 8, 1),
        location: HUB,
      }),
    );
  }
  return out;
}

export const WORK_ORDER_COLUMNS = [
  'workorder_id',
  'aircraft_registration',
  'status',
  'priority',
  'description',
  'ata_chapter',
  'mel_item',
  'opened_at',
  'due_at',
  'estimated_hours',
] as const;

export function workOrderRows(orders: readonly WorkOrder[]): Row[] {
  return orders.map((w) => ({
    workorder_id: w.id,
    aircraft_registration: w.registration,
    status: w.status,
    priority: w.priority,
    description: w.description,
    ata_chapter: w.ata,
    mel_item: w.melItem,
    opened_at: iso(w.openedAt),
    due_at: iso(w.dueAt),
    estimated_hours: fixed(w.estimatedHours, 1),
  }));
}
