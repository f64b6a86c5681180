import { upperOf, type DisruptedNode, type PassengerNode } from './nodes.js';
import { categoryOf, type DisruptedPassengerView } from './passenger-views.js';

/** A VVIP, VIP or influencer among the disrupted passengers, with what the desk needs to look after them. */
export interface WatchlistEntry {
  readonly passenger: PassengerNode | null;
  readonly disruption: DisruptedNode;
  /** The disruption record's category, else the passenger row's. */
  readonly category: string | undefined;
  readonly isInfluencer: boolean | undefined;
  readonly seatNumber: string | undefined;
  readonly profession: string | undefined;
  readonly preferredLanguage: string | undefined;
  readonly mealPreference: string | undefined;
  readonly beveragePreference: string | undefined;
  readonly rebookingStatus: string | undefined;
}

/** VVIP, VIP and influencer passengers: VVIP first, then VIP, then influencers, by customer value. */
export function watchlist(views: readonly DisruptedPassengerView[]): WatchlistEntry[] {
  const rank = (v: DisruptedPassengerView) => ({ VVIP: 0, VIP: 1 })[upperOf(categoryOf(v)) as 'VVIP' | 'VIP'] ?? 2;
  return views
    .filter((v) => rank(v) < 2 || v.passenger?.isInfluencer === true)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.passenger?.customerValueScore ?? 0) - (a.passenger?.customerValueScore ?? 0) ||
        (a.disrupted.passengerId ?? '').localeCompare(b.disrupted.passengerId ?? ''),
    )
    .map((v) => ({
      passenger: v.passenger,
      disruption: v.disrupted,
      category: categoryOf(v),
      isInfluencer: v.passenger?.isInfluencer,
      seatNumber: v.passenger?.seatNumber,
      profession: v.passenger?.profession,
      preferredLanguage: v.passenger?.preferredLanguage,
      mealPreference: v.passenger?.mealPreference,
      beveragePreference: v.passenger?.beveragePreference,
      rebookingStatus: v.disrupted.rebookingStatus,
    }));
}
