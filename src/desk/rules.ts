import { GROUNDED_STATUSES as GROUNDED, OPEN_WORK_ORDER_STATUSES as OPEN_STATUSES } from '../../entities/index.js';
/**
 * The rules the data does not hold, as named defaults with their sources. Every
 * one can be overridden by the query argument named beside it; the README lists
 * them ("Disruption desk").
 */

import { endOfUtcDay } from './nodes.js';

/**
 * Minimum connecting time at the hub, minutes (`mctMinutes`). IATA publishes
 * each airport's MCTs (SSIM chapter 8); at large hubs, international-to-
 * international transfers are typically 45 to 90 minutes. 60 is the default.
 */
export const DEFAULT_MCT_MINUTES = 60;

/**
 * Maximum flight duty period, minutes (`maxFdpMinutes`). EASA ORO.FTL.205(b)
 * allows an acclimatised crew member 13:00 for a duty reported between 06:00 and
 * 13:29 with up to two sectors (less for earlier or later reports and more
 * sectors; FAA Part 117 Table B allows 9 to 14 hours unaugmented). 13 hours is the
 * default.
 */
export const DEFAULT_MAX_FDP_MINUTES = 13 * 60;

/**
 * Minimum turnaround of a widebody, minutes: a delay propagates down the
 * rotation by whatever exceeds the scheduled ground time minus this buffer.
 * Typical widebody minimum ground times are 60 to 90 minutes.
 */
export const MIN_TURNAROUND_MINUTES = 60;

/**
 * MEL rectification intervals by category (ATA MMEL conventions, FAA Order
 * 8900.1 Vol 4 Ch 4 and EASA CS-MMEL): B 3 consecutive calendar days, C 10, D 120;
 * A is as stated in the item itself, so it has no default.
 */
export const MEL_RECTIFICATION_DAYS: Readonly<Record<string, number>> = { B: 3, C: 10, D: 120 };

/**
 * Weather that puts a dispatch at risk. Visibility below 0.8 km is below the
 * 800 m of a CAT I approach (ICAO Doc 8168) and brings low-visibility procedures;
 * 30 kt of mean wind is around the crosswind limits of airline operations; and
 * any forecast the data marks MODERATE or SEVERE operational impact.
 */
export const WEATHER_RISK = {
  minVisibilityKm: 0.8,
  maxWindKts: 30,
  impacts: ['MODERATE', 'SEVERE', 'HIGH'] as readonly string[],
} as const;

/**
 * Special-service requests that come first when re-accommodating: EU Regulation
 * 261/2004 article 11 gives priority to persons with reduced mobility and their
 * companions, and to unaccompanied children (IATA SSR codes).
 */
export const PRIORITY_SSR_CODES: ReadonlySet<string> = new Set([
  'UMNR', // unaccompanied minor
  'WCHC', // wheelchair, cannot move in the cabin
  'WCHS', // wheelchair, cannot climb steps
  'WCHR', // wheelchair for distance
  'BLND', // blind
  'DEAF', // deaf
  'DPNA', // disabled passenger needing assistance
  'MAAS', // meet and assist
  'MEDA', // medical case
  'STCR', // stretcher
  'PRGN', // pregnant
]);

/**
 * Where a connection's onward flight is looked for when the export names it by
 * number: departures of that number from the inbound's arrival airport from its
 * scheduled arrival to the end of the next UTC day (a same-day connection, or an
 * overnight one). The data carries no local times, so days are UTC days.
 */
export const ONWARD_SEARCH_EXTRA_DAYS = 1;

export const endOfNextUtcDay = (time: string) => endOfUtcDay(time, ONWARD_SEARCH_EXTRA_DAYS);

/**
 * A misconnected passenger needs a hotel night (EU 261/2004 art. 9(1)(b): "where a
 * stay of one or more nights becomes necessary") when no departure from the hub
 * to their onward destination leaves between their earliest onward time
 * (projected arrival + MCT) and the end of that UTC day.
 */
export const strandedUntil = (earliestOnward: string) => endOfUtcDay(earliestOnward);

/** A connection with less slack than this (minutes) is "tight" and ranks ahead when re-accommodating. */
export const TIGHT_CONNECTION_MINUTES = 180;

/** Cabin order for re-accommodation: First before Business before Economy. */
export const CABIN_RANK: Readonly<Record<string, number>> = {
  FIRST: 0,
  F: 0,
  BUSINESS: 1,
  J: 1,
  C: 1,
  PREMIUM_ECONOMY: 2,
  PREMIUM: 2,
  W: 2,
  ECONOMY: 3,
  Y: 3,
};

/** Rebooking statuses the desk still has to work on. */
export const UNRESOLVED_STATUSES: ReadonlySet<string> = new Set(['PENDING', 'WAITLISTED']);

/** Cargo codes (IATA special handling) that cannot wait: perishables, live animals, and similar. */
export const PRIORITY_CARGO_CODES: ReadonlySet<string> = new Set(['PER', 'AVI', 'PIL', 'HUM', 'EAT', 'FRO', 'COL', 'ICE', 'PES', 'LHO']);

/** Cargo priorities that count as priority cargo whatever their handling codes. */
export const PRIORITY_CARGO_LEVELS: ReadonlySet<string> = new Set(['URGENT', 'CRITICAL']);

/** Work-order statuses that still need work (declared with the entity: its open-work-order index holds them). */
export const OPEN_WORK_ORDER_STATUSES: ReadonlySet<string> = new Set(OPEN_STATUSES);

/** Availability statuses that ground an aircraft. */
export const GROUNDED_STATUSES: ReadonlySet<string> = new Set(GROUNDED);

export const MINUTE = 60_000;

/**
 * How far an aircraft's facts reach after a flight, in days: what a swap
 * abandons, the rest of the rotation. (Before it: only its own day, on which a
 * window or night-stop begun earlier is listed too.)
 */
export const FACTS_DAYS_AFTER = 2;

/** The longest a crew duty lasts, in hours: a duty begun this long before a window may still overlap it. */
export const MAX_DUTY_HOURS = 24;
