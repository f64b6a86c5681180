import { countBy, type KeyCount } from './nodes.js';
import { isConnecting } from './onward-flights.js';
import { cabinOf, categoryOf, type DisruptedPassengerView } from './passenger-views.js';

/** Blast radius: the disrupted passengers of the flight, counted. */
export interface DisruptedPassengerCounts {
  readonly total: number;
  readonly connecting: number;
  readonly needingHotel: number;
  readonly byCabin: KeyCount[];
  readonly byCategory: KeyCount[];
}

/** Disrupted passengers by cabin and category, connecting, needing a hotel. */
export function passengerCounts(views: readonly DisruptedPassengerView[]): DisruptedPassengerCounts {
  return {
    total: views.length,
    connecting: views.filter((v) => isConnecting(v.disrupted)).length,
    needingHotel: views.filter((v) => v.disrupted.requiresHotel === true).length,
    byCabin: countBy(views, cabinOf),
    byCategory: countBy(views, categoryOf),
  };
}
