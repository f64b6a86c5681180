import { countBy, upperOf, type DisruptedNode, type KeyCount } from './nodes.js';
import { isConnecting } from './onward-flights.js';
import { cabinOf, categoryOf, type DisruptedPassengerView } from './passenger-views.js';
import { UNRESOLVED_STATUSES } from './rules.js';

/** Disrupted passengers of one rebooking status in one cabin. */
export interface StatusCabinCount {
  readonly status: string;
  readonly cabin: string;
  readonly count: number;
}

export interface RecoveryProgress {
  readonly total: number;
  readonly resolved: number;
  readonly byStatus: KeyCount[];
  readonly byStatusAndCabin: StatusCabinCount[];
  readonly unresolvedVvip: DisruptedNode[];
  readonly unresolvedConnecting: DisruptedNode[];
}

/** Recovery progress: by rebooking status, by status and cabin, and who is still unresolved. */
export function recoveryProgress(views: readonly DisruptedPassengerView[]): RecoveryProgress {
  const unresolved = views.filter((v) => UNRESOLVED_STATUSES.has(upperOf(v.disrupted.rebookingStatus)));
  const byStatusAndCabin = countBy(views, (v) => `${upperOf(v.disrupted.rebookingStatus) || 'UNKNOWN'}|${cabinOf(v) ?? 'UNKNOWN'}`).map(
    ({ key, count }) => {
      const [status, cabin] = key.split('|');
      return { status: status!, cabin: cabin!, count };
    },
  );
  return {
    total: views.length,
    resolved: views.length - unresolved.length,
    byStatus: countBy(views, (v) => upperOf(v.disrupted.rebookingStatus) || undefined),
    byStatusAndCabin: byStatusAndCabin.sort((a, b) => a.status.localeCompare(b.status) || a.cabin.localeCompare(b.cabin)),
    unresolvedVvip: unresolved.filter((v) => upperOf(categoryOf(v)) === 'VVIP').map((v) => v.disrupted),
    unresolvedConnecting: unresolved.filter((v) => isConnecting(v.disrupted)).map((v) => v.disrupted),
  };
}
