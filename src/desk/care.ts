import { countBy, type KeyCount } from './nodes.js';
import { cabinOf, type DisruptedPassengerView } from './passenger-views.js';

/** Hotel rooms for one cabin: passengers, and the bookings (PNRs) among them. */
export interface HotelRooms {
  readonly cabin: string;
  readonly passengers: number;
  /** Distinct PNRs: parties on one PNR usually share rooms. */
  readonly bookings: number;
}

export interface CareLogistics {
  readonly hotelPassengers: number;
  readonly hotelRooms: HotelRooms[];
  /** Disrupted passengers by meal preference. */
  readonly meals: KeyCount[];
  /** Languages needed at the desk. */
  readonly languages: KeyCount[];
  /** Null when no disruption record says (meal_voucher_issued is not a contract column). */
  readonly mealVouchersIssued: number | null;
  /** Disrupted passengers whose record does not say whether a meal voucher was issued. */
  readonly mealVoucherStatusUnknown: number;
}

/**
 * Care logistics. Hotel rooms: disrupted passengers flagged requires_hotel, by
 * cabin, with the number of bookings (PNRs) among them: a party on one PNR
 * usually shares rooms, so the true room count lies between the two.
 */
export function careLogistics(views: readonly DisruptedPassengerView[]): CareLogistics {
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
function mealVouchers(views: readonly DisruptedPassengerView[]): Pick<CareLogistics, 'mealVouchersIssued' | 'mealVoucherStatusUnknown'> {
  const known = views.filter((v) => v.disrupted.mealVoucherIssued !== undefined);
  return {
    mealVouchersIssued: known.length ? known.filter((v) => v.disrupted.mealVoucherIssued === true).length : null,
    mealVoucherStatusUnknown: views.length - known.length,
  };
}
