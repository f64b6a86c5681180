// The three recovery scenarios for the disrupted flight, with knock-on effects computed
// from the generated data (connections, crew duty, downline) rather than invented.

import type { Row } from './csv.js';
import { type CrewPlan, illegalAfterDelay } from './crew.js';
import type { DisruptedPassenger } from './disruption.js';
import type { Schedule } from './flights.js';
import { TYPES } from './reference.js';
import { DISRUPTED, MIN_CONNECT_MIN, SCENARIOS, SWAPS } from './story.js';
import { hhmm } from './time.js';

export const IMPACT_COLUMNS = [
  'scenario',
  'flight_id',
  'delay_minutes',
  'scenario_description',
  'root_cause',
  'probability',
  'downstream_effect',
] as const;

const DESCRIPTIONS: Readonly<Record<(typeof SCENARIOS)[number]['scenario'], string>> = {
  SWAP_LOCAL: `Swap to ${SWAPS.local} (B777-300ER on a day-stop at CDG); same seat map, the CDG crew transfers to it`,
  FERRY_SPARE_FROM_AUH: `Ferry the hub spare ${SWAPS.ferry} from AUH to CDG and operate the flight with it`,
  REPAIR_IN_PLACE: `Repair ${DISRUPTED.registration} at CDG (actuator seals and brake unit 3) and release it to service`,
};

export function impactRows(schedule: Schedule, disrupted: readonly DisruptedPassenger[], crew: CrewPlan): Row[] {
  const d = schedule.disrupted;
  const connecting = disrupted.filter((p) => p.connection);
  const downline = d.downline;
  return SCENARIOS.map(({ scenario, delay, probability }) => {
    const arrival = d.arr + delay;
    const missed = connecting.filter((p) => (p.connection?.dep ?? 0) - arrival < MIN_CONNECT_MIN).length;
    const crewOut = illegalAfterDelay(crew, d, delay).length;
    const crewTotal = crew.lines.filter((l) => l.flight === d).length;
    const effects = [
      `Arrives AUH ${hhmm(arrival)}`,
      `${missed} of ${connecting.length} connecting passengers misconnect (MCT ${MIN_CONNECT_MIN} min)`,
      `${crewOut} of ${crewTotal} crew exceed the 13 h duty limit`,
    ];
    if (downline) {
      const ready = arrival + TYPES[d.type].minTurn;
      const late = Math.max(0, ready - downline.dep);
      effects.push(
        late > 0
          ? `downline ${downline.number} to ${downline.destination} leaves ${hhmm(downline.dep + late)} (+${late} min)`
          : `downline ${downline.number} to ${downline.destination} on time`,
      );
    }
    return {
      scenario,
      flight_id: d.id,
      delay_minutes: delay,
      scenario_description: DESCRIPTIONS[scenario],
      root_cause: 'AOG at CDG: green hydraulic leak at the left main gear actuator (ATA 29) with brake unit 3 contaminated (ATA 32)',
      probability: probability.toFixed(2),
      downstream_effect: effects.join('; '),
    };
  });
}
