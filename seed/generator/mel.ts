// Which aircraft fly with a deferred defect (an active MEL item) today.
// Flights, availability windows and work orders all read this one plan.

import type { Rng } from './prng.js';
import { FLEET, TYPES } from './reference.js';
import { DISRUPTED, SWAPS } from './story.js';

export type MelCategory = 'A' | 'B' | 'C' | 'D';

export interface MelItem {
  readonly registration: string;
  readonly category: MelCategory;
  readonly item: string;
  readonly ata: string;
  readonly description: string;
  readonly dispatchImpact: string;
  /** Minutes before the day start when the item was deferred. */
  readonly deferredAgo: number;
}

type Template = Omit<MelItem, 'registration' | 'deferredAgo'>;

/** MEL repair intervals by category, in days (A items carry their own; one day here). */
export const MEL_DAYS: Readonly<Record<MelCategory, number>> = { A: 1, B: 3, C: 10, D: 120 };

const CATALOGUE: readonly Template[] = [
  {
    category: 'C',
    item: '21-51-01',
    ata: '21',
    description: 'One air conditioning pack inoperative',
    dispatchImpact: 'Dispatch permitted; FL310 maximum, single pack',
  },
  {
    category: 'C',
    item: '34-43-02',
    ata: '34',
    description: 'Weather radar channel 2 inoperative',
    dispatchImpact: 'Dispatch permitted; avoid forecast thunderstorm areas at night',
  },
  {
    category: 'C',
    item: '49-11-01',
    ata: '49',
    description: 'APU inoperative',
    dispatchImpact: 'Dispatch permitted; ground power and air start required at every station',
  },
  {
    category: 'B',
    item: '30-41-02',
    ata: '30',
    description: 'First officer windshield heat inoperative',
    dispatchImpact: 'Dispatch not permitted into known or forecast icing',
  },
  {
    category: 'B',
    item: '26-15-01',
    ata: '26',
    description: 'One aft cargo smoke detector inoperative',
    dispatchImpact: 'Dispatch permitted with the aft cargo compartment empty',
  },
  {
    category: 'C',
    item: '23-11-01',
    ata: '23',
    description: 'HF radio 2 inoperative',
    dispatchImpact: 'Not dispatchable on routes that require two long-range radios',
  },
  {
    category: 'D',
    item: '25-21-05',
    ata: '25',
    description: 'Two Business Class seat actuators inoperative (seats blocked)',
    dispatchImpact: 'Dispatch permitted; 2 Business seats blocked',
  },
  {
    category: 'C',
    item: '35-21-01',
    ata: '35',
    description: 'Crew oxygen low pressure indication inoperative',
    dispatchImpact: 'Dispatch permitted; oxygen pressure checked before each departure',
  },
];

/** The AOG aircraft's pre-existing deferral: the new hydraulic leak is what grounds it. */
export const DISRUPTED_MEL: Template = {
  category: 'B',
  item: '32-42-02',
  ata: '32',
  description: 'Brake temperature monitoring channel 3 inoperative',
  dispatchImpact: 'Dispatch permitted; manual brake temperature check at every turnaround',
};

export const MAINT_SWAP_MEL: Template = {
  category: 'D',
  item: '38-31-01',
  ata: '38',
  description: 'Two aft lavatories inoperative',
  dispatchImpact: 'Dispatch permitted; passenger load limited to 250',
};

export function planMel(rng: Rng): Map<string, MelItem> {
  const plan = new Map<string, MelItem>();
  plan.set(DISRUPTED.registration, { ...DISRUPTED_MEL, registration: DISRUPTED.registration, deferredAgo: 26 * 60 });
  plan.set(SWAPS.maint, { ...MAINT_SWAP_MEL, registration: SWAPS.maint, deferredAgo: 3 * 24 * 60 });
  const fixed = new Set<string>([DISRUPTED.registration, ...Object.values(SWAPS)]);
  const others = FLEET.filter((a) => !fixed.has(a.registration));
  for (const ac of rng.sample(others, 6)) {
    const templates = CATALOGUE.filter((t) => TYPES[ac.type].widebody || t.item !== '25-21-05');
    const t = rng.pick(templates);
    // deferred recently enough that the repair interval has not run out yet
    const hours = rng.int(6, MEL_DAYS[t.category] * 24 - 30);
    plan.set(ac.registration, { ...t, registration: ac.registration, deferredAgo: hours * 60 });
  }
  return plan;
}
