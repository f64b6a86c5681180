import { countBy, upperOf, type BagNode, type DisruptedNode, type PassengerNode } from './nodes.js';
import { isConnecting } from './onward-flights.js';
import { UNRESOLVED_STATUSES } from './rules.js';

export interface DisruptedPassengerView {
  readonly disrupted: DisruptedNode;
  readonly passenger: PassengerNode | null;
}

const cabinOf = (v: DisruptedPassengerView) => v.disrupted.cabinClass ?? v.passenger?.cabinClass;
const categoryOf = (v: DisruptedPassengerView) => v.disrupted.passengerCategory ?? v.passenger?.passengerCategory;

export function join(disrupted: readonly DisruptedNode[], passengers: ReadonlyMap<string, PassengerNode>): DisruptedPassengerView[] {
  return disrupted.map((d) => ({ disrupted: d, passenger: passengers.get(d.passengerId!) ?? null }));
}

/** Blast radius: disrupted passengers by cabin and category, connecting, needing a hotel. */
export function passengerCounts(views: readonly DisruptedPassengerView[]) {
  return {
    total: views.length,
    connecting: views.filter((v) => isConnecting(v.disrupted)).length,
    needingHotel: views.filter((v) => v.disrupted.requiresHotel === true).length,
    byCabin: countBy(views, cabinOf),
    byCategory: countBy(views, categoryOf),
  };
}

/**
 * Care logistics. Hotel rooms: disrupted passengers flagged requires_hotel, by
 * cabin, with the number of bookings (PNRs) among them: a party on one PNR
 * usually shares rooms, so the true room count lies between the two.
 */
export function careLogistics(views: readonly DisruptedPassengerView[]) {
  const hotel = views.filter((v) => v.disrupted.requiresHotel === true);
  const byCabin = new Map<string, DisruptedPassengerView[]>();
  for (const v of hotel) {
    const cabin = cabinOf(v) ?? 'UNKNOWN';
    byCabin.set(cabin, [...(byCabin.get(cabin) ?? []), v]);
  }
  return {
    hotelRooms: [...byCabin]
      .map(([cabin, list]) => ({
        cabin,
        passengers: list.length,
        bookings: new Set(list.map((v) => v.passenger?.pnr ?? v.disrupted.passengerId)).size,
      }))
      .sort((a, b) => b.passengers - a.passengers || a.cabin.localeCompare(b.cabin)),
    hotelPassengers: hotel.length,
    meals: countBy(views, (v) => v.passenger?.mealPreference),
    languages: countBy(views, (v) => v.passenger?.preferredLanguage),
    ...mealVouchers(views),
  };
}

/**
 * Meal vouchers issued, from `meal_voucher_issued` (not a contract column): null
 * when no record says, with how many records do not say.
 */
function mealVouchers(views: readonly DisruptedPassengerView[]) {
  const known = views.filter((v) => v.disrupted.mealVoucherIssued !== undefined);
  return {
    mealVouchersIssued: known.length ? known.filter((v) => v.disrupted.mealVoucherIssued === true).length : null,
    mealVoucherStatusUnknown: views.length - known.length,
  };
}

/** VVIP, VIP and influencer passengers: VVIP first, then VIP, then influencers, by customer value. */
export function watchlist(views: readonly DisruptedPassengerView[]): DisruptedPassengerView[] {
  const rank = (v: DisruptedPassengerView) => ({ VVIP: 0, VIP: 1 })[upperOf(categoryOf(v)) as 'VVIP' | 'VIP'] ?? 2;
  return views
    .filter((v) => rank(v) < 2 || v.passenger?.isInfluencer === true)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.passenger?.customerValueScore ?? 0) - (a.passenger?.customerValueScore ?? 0) ||
        (a.disrupted.passengerId ?? '').localeCompare(b.disrupted.passengerId ?? ''),
    );
}

/** Recovery progress: by rebooking status, by status and cabin, and who is still unresolved. */
export function recoveryProgress(views: readonly DisruptedPassengerView[]) {
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
    unresolvedVvip: unresolved.filter((v) => upperOf(categoryOf(v)) === 'VVIP'),
    unresolvedConnecting: unresolved.filter((v) => isConnecting(v.disrupted)),
  };
}

/** Bags of disrupted passengers, by tag, with a count by status. */
export function bagsToMove(bags: readonly BagNode[], disrupted: readonly DisruptedNode[]) {
  const ids = new Set(disrupted.map((d) => d.passengerId));
  const list = bags.filter((b) => ids.has(b.passengerId)).sort((a, b) => (a.baggageTag ?? '').localeCompare(b.baggageTag ?? ''));
  return {
    bags: list,
    count: list.length,
    weightKg: round(list.reduce((s, b) => s + (b.weightKg ?? 0), 0)),
    byStatus: countBy(list, (b) => b.status),
  };
}

export const round = (n: number) => Math.round(n * 100) / 100;
