// The four aircraft that could take over the disrupted flight, and why (or why not).

import { fixed, flag, type Row } from './csv.js';
import type { Schedule } from './flights.js';
import type { WorkOrder } from './maintenance.js';
import { aircraft, seatCapacity } from './reference.js';
import { DISRUPTED, SMALL_SWAP_WO_DUE, SWAP_READY, SWAPS } from './story.js';
import { hhmm, iso } from './time.js';

export const SWAP_COLUMNS = [
  'aircraft_registration',
  'aircraft_type',
  'swap_feasibility',
  'feasibility_reason',
  'current_location',
  'ready_time_utc',
  'swap_cost_usd',
  'seat_capacity',
  'crew_change_required',
  'passenger_impact',
] as const;

export function swapRows(schedule: Schedule, orders: readonly WorkOrder[]): Row[] {
  const d = schedule.disrupted;
  const flightsOf = (reg: string) => schedule.byRegistration.get(reg) ?? [];
  const numbers = (reg: string): string =>
    flightsOf(reg)
      .map((f) => f.number)
      .join('/');
  const delay = (ready: number): number => ready - d.dep;
  const short = (reg: string): number => Math.max(0, DISRUPTED.passengers - seatCapacity(aircraft(reg).type));
  const oxygenWo = orders.find((w) => w.registration === SWAPS.small)?.id ?? '';
  const local = flightsOf(SWAPS.local);
  const localBack = local[local.length - 1];
  const small = flightsOf(SWAPS.small)[0];

  const row = (
    reg: string,
    feasibility: string,
    reason: string,
    location: string,
    ready: number,
    cost: number,
    crewChange: boolean,
    impact: string,
  ): Row => ({
    aircraft_registration: reg,
    aircraft_type: aircraft(reg).type,
    swap_feasibility: feasibility,
    feasibility_reason: reason,
    current_location: location,
    ready_time_utc: iso(ready),
    swap_cost_usd: fixed(cost),
    seat_capacity: seatCapacity(aircraft(reg).type),
    crew_change_required: flag(crewChange),
    passenger_impact: impact,
  });

  return [
    row(
      SWAPS.local,
      'FEASIBLE',
      `Same type on a day-stop at CDG until ${localBack?.number ?? ''} at ${hhmm(localBack?.dep ?? 0)}; the repaired ${DISRUPTED.registration} can take that flight`,
      'CDG',
      SWAP_READY.local,
      38_500,
      false,
      `All ${DISRUPTED.passengers} passengers keep their seats; departure ${hhmm(SWAP_READY.local)} (+${delay(SWAP_READY.local)} min)`,
    ),
    row(
      SWAPS.small,
      'FEASIBLE_WITH_CONDITIONS',
      `Night-stopped at CDG; work order ${oxygenWo} (oxygen mask door) due ${hhmm(SMALL_SWAP_WO_DUE)} must be closed first; B787 flight deck needed; ${seatCapacity(aircraft(SWAPS.small).type)} seats`,
      'CDG',
      SWAP_READY.small,
      61_200,
      true,
      `${short(SWAPS.small)} passengers re-protected on later flights, First passengers seated in Business; its own ${small?.number ?? ''} at ${hhmm(small?.dep ?? 0)} needs another aircraft`,
    ),
    row(
      SWAPS.ferry,
      'FEASIBLE_WITH_CONDITIONS',
      `Hub spare at AUH: ferry AUH-CDG (7 h 45) with a standby crew; its evening rotation ${numbers(SWAPS.ferry)} must be re-planned`,
      'AUH',
      SWAP_READY.ferry,
      146_000,
      true,
      `All passengers accommodated; departure ${hhmm(SWAP_READY.ferry)} (+${delay(SWAP_READY.ferry)} min), most evening connections lost`,
    ),
    row(
      SWAPS.maint,
      'NOT_FEASIBLE',
      `In A-check at AUH until ${hhmm(SWAP_READY.maint)}; active MEL D 38-31-01 (two aft lavatories inoperative) limits the load to 250; ${seatCapacity(aircraft(SWAPS.maint).type)} seats`,
      'AUH',
      SWAP_READY.maint,
      212_000,
      true,
      `Cannot carry ${DISRUPTED.passengers} passengers: at most 250 under the MEL`,
    ),
  ];
}
