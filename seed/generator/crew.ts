// Crew members and their roster lines. The disrupted flight's crew is built so that
// the 120/300/540-minute scenarios push progressively more of them past the 13 h FDP limit.

import { fixed, type Row } from './csv.js';
import type { Flight, Schedule } from './flights.js';
import { rosterId } from './ids.js';
import { person, profile } from './people.js';
import type { Rng } from './prng.js';
import { type AircraftType, HUB, station, TYPES } from './reference.js';
import { FDP_LIMIT_MIN } from './story.js';
import { iso, SNAPSHOT_MIN } from './time.js';

export type Rank = 'CPT' | 'FO' | 'SO' | 'CSD' | 'PUR' | 'FA';

export interface CrewMember {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly rank: Rank;
  readonly base: string;
  readonly qualified: readonly AircraftType[];
  readonly hours7d: number;
  readonly hours28d: number;
  readonly hours365d: number;
  readonly status: 'ACTIVE' | 'ON_LEAVE';
}

export interface CrewLine {
  readonly id: string;
  readonly member: CrewMember;
  readonly flight: Flight;
  readonly position: string;
  readonly start: number;
  readonly end: number;
}

export interface CrewPlan {
  readonly members: readonly CrewMember[];
  readonly lines: readonly CrewLine[];
}

/** Bounds that keep the sample at "about 100" members and "about 200" roster lines. */
const MEMBER_CAP = 108;
const LINE_TARGET = 200;

const FLIGHT_DECK: readonly Rank[] = ['CPT', 'FO', 'SO'];
const WIDEBODIES: readonly AircraftType[] = ['B777-300ER', 'B787-9', 'B787-10', 'A350-1000'];

function qualificationsFor(rng: Rng, rank: Rank, type: AircraftType): AircraftType[] {
  if (FLIGHT_DECK.includes(rank)) return TYPES[type].family.split(';') as AircraftType[];
  // cabin crew hold several types: their own fleet family plus a few others
  const pool: AircraftType[] = TYPES[type].widebody ? [...WIDEBODIES] : ['A320', 'A321', 'B787-9'];
  const extra = rng.sample(
    pool.filter((t) => t !== type),
    rng.int(1, pool.length - 1),
  );
  const all = new Set<AircraftType>([type, ...extra]);
  return (Object.keys(TYPES) as AircraftType[]).filter((t) => all.has(t));
}

interface Draft {
  rank: Rank;
  type: AircraftType;
  status?: 'ACTIVE' | 'ON_LEAVE';
}

function memberFactory(rng: Rng): (d: Draft) => CrewMember {
  let serial = rng.int(30_000, 39_000);
  const cabinBases = ['MNL', 'BKK', 'BOM', 'CAI'];
  const pilotProfiles = ['AE', 'GB', 'IN', 'PK', 'EG', 'DE', 'FR', 'US'];
  const cabinProfiles = ['PH', 'IN', 'INK', 'TH', 'EG', 'GB', 'FR', 'DE', 'SG', 'PK', 'AE'];
  return ({ rank, type, status }) => {
    const deck = FLIGHT_DECK.includes(rank);
    const who = person(rng, profile(rng.pick(deck ? pilotProfiles : cabinProfiles)));
    const h7 = rng.decimal(10, 46, 1);
    serial += rng.int(1, 50);
    return {
      id: `C${serial}`,
      firstName: who.firstName,
      lastName: who.lastName,
      rank,
      base: !deck && rng.chance(0.12) ? rng.pick(cabinBases) : HUB,
      qualified: qualificationsFor(rng, rank, type),
      hours7d: status === 'ON_LEAVE' ? 0 : h7,
      hours28d: status === 'ON_LEAVE' ? rng.decimal(20, 60, 1) : Math.round((h7 + rng.float(45, 120)) * 10) / 10,
      hours365d: rng.decimal(420, 880, 1),
      status: status ?? 'ACTIVE',
    };
  };
}

/** Cabin positions by door: the senior positions first. */
function cabinPositions(count: number): { rank: Rank; position: string }[] {
  const doors = ['L1', 'R1', 'L2', 'R2', 'L3', 'R3', 'L4', 'R4', 'L5', 'R5', 'ML', 'MR'];
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return { rank: 'CSD', position: 'CSD' };
    if (i <= 2 && count > 8) return { rank: 'PUR', position: i === 1 ? 'PUR-J' : 'PUR-Y' };
    return { rank: 'FA', position: `FA-${doors[(i - 1) % doors.length] ?? 'L1'}` };
  });
}

export function buildCrew(rng: Rng, schedule: Schedule): CrewPlan {
  const make = memberFactory(rng);
  const members: CrewMember[] = [];
  const drafts: Omit<CrewLine, 'id'>[] = [];
  const line = (member: CrewMember, flight: Flight, position: string, start: number): void => {
    drafts.push({ member, flight, position, start, end: flight.arr + 30 });
  };
  const hire = (d: Draft): CrewMember => {
    const m = make(d);
    members.push(m);
    return m;
  };

  // The disrupted flight: three report groups give three FDP bands.
  //  - reported 90 min before departure: FDP 8h20, illegal from +300
  //  - reported 60 min before departure: FDP 7h50, legal at +300, illegal at +540
  //  - positioned by road from LHR, on duty since 04:10Z: FDP 11h20, illegal already at +120
  const d = schedule.disrupted;
  const positioned = d.arr + 30 - (11 * 60 + 20);
  const deck: [Rank, string, number][] = [
    ['CPT', 'CPT', d.dep - 90],
    ['FO', 'FO', d.dep - 90],
    ['SO', 'SO', positioned],
  ];
  for (const [rank, position, start] of deck) line(hire({ rank, type: d.type }), d, position, start);
  cabinPositions(13).forEach(({ rank, position }, i) => {
    const start = i <= 2 ? d.dep - 90 : i >= 10 ? positioned : d.dep - 60;
    line(hire({ rank, type: d.type }), d, position, start);
  });

  // The downline rotation (AUH-BOM-AUH) is one AUH crew flying both sectors.
  const downline = [d.downline, d.downline?.downline].filter((f): f is Flight => f !== undefined);
  const downlineCrew = [{ rank: 'CPT' as Rank, position: 'CPT' }, { rank: 'FO' as Rank, position: 'FO' }, ...cabinPositions(12)].map((p) => ({
    ...p,
    member: hire({ rank: p.rank, type: d.type }),
  }));
  downline.forEach((f, i) => {
    for (const p of downlineCrew) line(p.member, f, p.position, f.dep - (i === 0 ? 75 : 60));
  });

  // Standby crew at AUH on the 777 (no roster lines): the desk's pool for the ferry and crew swaps.
  for (const rank of ['CPT', 'CPT', 'FO', 'FO', 'CSD', 'PUR', 'FA', 'FA', 'FA'] as Rank[]) hire({ rank, type: 'B777-300ER' });
  for (const rank of ['FA', 'FO'] as Rank[]) hire({ rank, type: 'B787-9', status: 'ON_LEAVE' });

  // Other crews fly duties of consecutive sectors on one aircraft (no long-haul: those
  // crews slip), each sector a separate sign-on/sign-off line, the duty within 12 h.
  const special = new Set<Flight>([d, ...downline]);
  const duties: Flight[][] = [];
  for (const rotation of schedule.byRegistration.values()) {
    let duty: Flight[] = [];
    for (const f of rotation) {
      const usable = !special.has(f) && station(f.origin === HUB ? f.destination : f.origin).haul !== 'long';
      const prev = duty[duty.length - 1];
      const first = duty[0];
      const fits = prev && first && usable && f.dep - 60 >= prev.arr + 30 && f.arr + 30 - (first.dep - 90) <= 12 * 60 && duty.length < 4;
      if (fits) {
        duty.push(f);
        continue;
      }
      if (duty.length > 0) duties.push(duty);
      duty = usable ? [f] : [];
    }
    if (duty.length > 0) duties.push(duty);
  }
  // multi-sector duties first (widebody first among equals), so lines per crew member stay high
  duties.sort(
    (a, b) =>
      b.length - a.length ||
      Number(TYPES[(b[0] as Flight).type].widebody) - Number(TYPES[(a[0] as Flight).type].widebody) ||
      (a[0] as Flight).dep - (b[0] as Flight).dep,
  );
  for (const duty of duties) {
    if (drafts.length >= LINE_TARGET) break;
    const lead = duty[0] as Flight;
    const wide = TYPES[lead.type].widebody;
    const team = [{ rank: 'CPT' as Rank, position: 'CPT' }, { rank: 'FO' as Rank, position: 'FO' }, ...cabinPositions(wide ? rng.int(4, 5) : 3)];
    if (members.length + team.length > MEMBER_CAP) continue;
    const signOn = lead.dep - (wide ? rng.pick([75, 90]) : rng.pick([60, 75]));
    for (const p of team) {
      const m = hire({ rank: p.rank, type: lead.type });
      duty.forEach((f, i) => line(m, f, p.position, i === 0 ? signOn : f.dep - 60));
    }
  }

  const lines = drafts
    .sort((a, b) => a.flight.dep - b.flight.dep || a.flight.number.localeCompare(b.flight.number) || a.start - b.start)
    .map((l, i) => ({ ...l, id: rosterId(i + 1) }));
  return { members, lines };
}

/** Crew on a flight whose duty would exceed the FDP limit if the flight left `delay` minutes late. */
export function illegalAfterDelay(plan: CrewPlan, flight: Flight, delay: number): CrewLine[] {
  return plan.lines.filter((l) => l.flight === flight && l.end + delay - l.start > FDP_LIMIT_MIN);
}

export const CREW_COLUMNS = [
  'crew_id',
  'first_name',
  'last_name',
  'rank',
  'base',
  'qualified_aircraft_types',
  'duty_hours_last_7d',
  'duty_hours_last_28d',
  'flight_hours_last_365d',
  'employment_status',
] as const;

export function crewRows(plan: CrewPlan): Row[] {
  return plan.members.map((m) => ({
    crew_id: m.id,
    first_name: m.firstName,
    last_name: m.lastName,
    rank: m.rank,
    base: m.base,
    qualified_aircraft_types: m.qualified.join(';'),
    duty_hours_last_7d: fixed(m.hours7d, 1),
    duty_hours_last_28d: fixed(m.hours28d, 1),
    flight_hours_last_365d: fixed(m.hours365d, 1),
    employment_status: m.status,
  }));
}

export const CREW_ROSTER_COLUMNS = ['roster_id', 'crew_id', 'flight_id', 'position', 'duty_start', 'duty_end', 'roster_status'] as const;

function rosterStatus(l: CrewLine): string {
  if (l.end <= SNAPSHOT_MIN) return 'COMPLETED';
  if (l.start <= SNAPSHOT_MIN) return 'ON_DUTY';
  return 'CONFIRMED';
}

export function crewRosterRows(plan: CrewPlan): Row[] {
  return plan.lines.map((l) => ({
    roster_id: l.id,
    crew_id: l.member.id,
    flight_id: l.flight.id,
    position: l.position,
    duty_start: iso(l.start),
    duty_end: iso(l.end),
    roster_status: rosterStatus(l),
  }));
}
