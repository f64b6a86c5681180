import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SEED, generateDataset } from '../seed/generator/index.js';

type Rec = Record<string, string>;

const FILES = [
  'passengers.csv',
  'flights.csv',
  'aircraft_availability.csv',
  'maintenance_work_orders.csv',
  'weather.csv',
  'disrupted_passengers.csv',
  'aircraft_swap_options.csv',
  'inbound_flight_impact.csv',
  'bookings.csv',
  'baggage.csv',
  'crew_members.csv',
  'crew_roster.csv',
  'cargo_shipments.csv',
  'cargo_flight_assignments.csv',
  'maintenance_staff.csv',
  'maintenance_roster.csv',
] as const;
type File = (typeof FILES)[number];

const dataset = generateDataset(DEFAULT_SEED);
const text = (file: File): string => {
  const t = dataset.get(file);
  if (t === undefined) throw new Error(`missing ${file}`);
  return t;
};
const parsed = new Map<File, Rec[]>(FILES.map((f) => [f, parse(text(f), { columns: true }) as Rec[]]));
const rows = (file: File): Rec[] => parsed.get(file) ?? [];
const ms = (iso: string | undefined): number => Date.parse(iso ?? '');
const MIN = 60_000;

function index(file: File, key: string): Map<string, Rec> {
  return new Map(rows(file).map((r) => [r[key] ?? '', r]));
}

const flights = index('flights.csv', 'flight_id');
const passengers = index('passengers.csv', 'passenger_id');
const disruptedFlight = (() => {
  const counts = new Map<string, number>();
  for (const p of rows('passengers.csv')) counts.set(p.flight_id ?? '', (counts.get(p.flight_id ?? '') ?? 0) + 1);
  const ids = [...counts].filter(([, n]) => n === 346).map(([id]) => id);
  return { ids, counts, flight: flights.get(ids[0] ?? '') };
})();

describe('sample generator: determinism', () => {
  it('gives identical text for the same seed', () => {
    const again = generateDataset(DEFAULT_SEED);
    expect([...again.keys()].sort()).toEqual([...FILES].sort());
    for (const file of FILES) expect(again.get(file), file).toBe(text(file));
  });

  it('gives different text for a different seed', () => {
    const other = generateDataset(DEFAULT_SEED + 1);
    const changed = FILES.filter((f) => other.get(f) !== text(f));
    expect(changed).toContain('passengers.csv');
    expect(changed).toContain('flights.csv');
    expect(changed.length).toBeGreaterThan(10);
  });

  it('writes plain RFC 4180: LF line ends, no BOM, a header in every file', () => {
    for (const file of FILES) {
      const t = text(file);
      expect(t.charCodeAt(0), file).not.toBe(0xfeff);
      expect(t.includes('\r'), file).toBe(false);
      expect(t.endsWith('\n'), file).toBe(true);
      expect(/e[+-]\d/.test(t.split('\n')[1] ?? ''), `${file} has no exponent numbers`).toBe(false);
    }
  });
});

describe('sample generator: row counts', () => {
  const exact: [File, number][] = [
    ['passengers.csv', 11_406],
    ['flights.csv', 256],
    ['aircraft_availability.csv', 168],
    ['weather.csv', 456],
    ['disrupted_passengers.csv', 346],
    ['aircraft_swap_options.csv', 4],
    ['inbound_flight_impact.csv', 3],
  ];
  it.each(exact)('%s has exactly %i rows', (file, n) => {
    expect(rows(file)).toHaveLength(n);
  });

  const about: [File, number][] = [
    ['maintenance_work_orders.csv', 100],
    ['bookings.csv', 1_000],
    ['baggage.csv', 1_000],
    ['crew_members.csv', 100],
    ['crew_roster.csv', 200],
    ['cargo_shipments.csv', 100],
    ['cargo_flight_assignments.csv', 100],
    ['maintenance_staff.csv', 50],
    ['maintenance_roster.csv', 100],
  ];
  it.each(about)('%s has about %i rows (+-15%%)', (file, n) => {
    expect(rows(file).length).toBeGreaterThanOrEqual(Math.ceil(n * 0.85));
    expect(rows(file).length).toBeLessThanOrEqual(Math.floor(n * 1.15));
  });
});

describe('sample generator: committed files', () => {
  const dir = path.resolve(import.meta.dirname, '..', 'seed', 'data');
  it.each(FILES)('seed/data/%s is byte-identical to generateDataset(DEFAULT_SEED)', (file) => {
    const onDisk = readFileSync(path.join(dir, file));
    expect(onDisk.equals(Buffer.from(text(file), 'utf8'))).toBe(true);
  });
});

describe('sample generator: keys and references', () => {
  const keys: [File, string[]][] = [
    ['passengers.csv', ['passenger_id']],
    ['flights.csv', ['flight_id']],
    ['aircraft_availability.csv', ['aircraft_registration', 'availability_start']],
    ['maintenance_work_orders.csv', ['workorder_id']],
    ['weather.csv', ['airport_code', 'forecast_time_zulu']],
    ['disrupted_passengers.csv', ['passenger_id']],
    ['aircraft_swap_options.csv', ['aircraft_registration']],
    ['inbound_flight_impact.csv', ['scenario']],
    ['bookings.csv', ['booking_id']],
    ['baggage.csv', ['baggage_tag']],
    ['crew_members.csv', ['crew_id']],
    ['crew_roster.csv', ['roster_id']],
    ['cargo_shipments.csv', ['shipment_id']],
    ['cargo_flight_assignments.csv', ['assignment_id']],
    ['maintenance_staff.csv', ['staff_id']],
    ['maintenance_roster.csv', ['roster_id']],
  ];
  it.each(keys)('%s keys (%s) are present and unique', (file, cols) => {
    const seen = new Set<string>();
    for (const r of rows(file)) {
      const key = cols.map((c) => r[c] ?? '').join('|');
      expect(
        cols.every((c) => (r[c] ?? '') !== ''),
        `${file} empty key`,
      ).toBe(true);
      expect(seen.has(key), `${file} duplicate ${key}`).toBe(false);
      seen.add(key);
    }
  });

  it('passenger ids and flight ids follow their formats', () => {
    for (const id of passengers.keys()) expect(id).toMatch(/^\d{2}[A-Z]\d{8}[A-Z]$/);
    for (const [id, f] of flights) {
      expect(id).toMatch(/^EY\d{4}-20260315$/);
      expect(id).toBe(`EY${(f.flight_number ?? '').slice(2).padStart(4, '0')}-20260315`);
    }
  });

  it("every passenger flies on a flight that exists, with that flight's details", () => {
    for (const p of rows('passengers.csv')) {
      const f = flights.get(p.flight_id ?? '');
      expect(f, p.passenger_id).toBeDefined();
      expect(p.flight_number).toBe(f?.flight_number);
      expect(p.aircraft_registration).toBe(f?.aircraft_registration);
      expect(p.departure_airport).toBe(f?.origin_airport);
      expect(p.arrival_airport).toBe(f?.destination_airport);
    }
  });

  it('bookings and bags point at real passengers, flights and bookings', () => {
    const bookings = index('bookings.csv', 'booking_id');
    for (const b of bookings.values()) {
      const p = passengers.get(b.passenger_id ?? '');
      expect(p, b.booking_id).toBeDefined();
      expect(b.flight_id).toBe(p?.flight_id);
      expect(b.pnr).toBe(p?.pnr);
    }
    const tags = rows('baggage.csv').map((b) => b.baggage_tag ?? '');
    for (const bag of rows('baggage.csv')) {
      const b = bookings.get(bag.booking_id ?? '');
      expect(b, bag.baggage_tag).toBeDefined();
      expect(bag.passenger_id).toBe(b?.passenger_id);
      expect(bag.flight_id).toBe(b?.flight_id);
      expect(flights.has(bag.flight_id ?? '')).toBe(true);
    }
    for (const t of tags) expect(t).toMatch(/^\d{10}$/);
    expect(tags.filter((t) => t.startsWith('0')).length).toBeGreaterThan(3);
  });

  it('crew roster lines resolve and never overlap for one crew member', () => {
    const crew = index('crew_members.csv', 'crew_id');
    const byCrew = new Map<string, Rec[]>();
    for (const l of rows('crew_roster.csv')) {
      expect(crew.has(l.crew_id ?? ''), l.roster_id).toBe(true);
      const f = flights.get(l.flight_id ?? '');
      expect(f, l.roster_id).toBeDefined();
      expect(ms(l.duty_start)).toBeLessThan(ms(f?.departure_time));
      expect(ms(l.duty_end)).toBeGreaterThan(ms(f?.arrival_time));
      byCrew.set(l.crew_id ?? '', [...(byCrew.get(l.crew_id ?? '') ?? []), l]);
    }
    for (const lines of byCrew.values()) {
      const sorted = lines.sort((a, b) => ms(a.duty_start) - ms(b.duty_start));
      for (let i = 1; i < sorted.length; i++) expect(ms(sorted[i]?.duty_start)).toBeGreaterThanOrEqual(ms(sorted[i - 1]?.duty_end));
    }
  });

  it('cargo assignments resolve and add up to their shipments', () => {
    const shipments = index('cargo_shipments.csv', 'shipment_id');
    const totals = new Map<string, { pieces: number; kg: number }>();
    for (const a of rows('cargo_flight_assignments.csv')) {
      const s = shipments.get(a.shipment_id ?? '');
      const f = flights.get(a.flight_id ?? '');
      expect(s, a.assignment_id).toBeDefined();
      expect(f, a.assignment_id).toBeDefined();
      expect(f?.origin_airport).toBe(s?.origin_airport);
      expect(f?.destination_airport).toBe(s?.destination_airport);
      const t = totals.get(a.shipment_id ?? '') ?? { pieces: 0, kg: 0 };
      totals.set(a.shipment_id ?? '', { pieces: t.pieces + Number(a.pieces), kg: t.kg + Number(a.weight_kg) });
    }
    for (const [id, s] of shipments) {
      const t = totals.get(id);
      expect(t, `${id} has an assignment`).toBeDefined();
      expect(t?.pieces).toBe(Number(s.pieces));
      expect(t?.kg).toBeCloseTo(Number(s.weight_kg), 2);
    }
  });

  it('maintenance roster lines resolve to staff and work orders', () => {
    const staff = index('maintenance_staff.csv', 'staff_id');
    const orders = index('maintenance_work_orders.csv', 'workorder_id');
    for (const l of rows('maintenance_roster.csv')) {
      expect(staff.has(l.staff_id ?? ''), l.roster_id).toBe(true);
      expect(orders.has(l.workorder_id ?? ''), l.roster_id).toBe(true);
      expect(ms(l.shift_end)).toBeGreaterThan(ms(l.shift_start));
    }
  });

  it('crew and maintenance rosters share the roster_id format, so their ids overlap', () => {
    const crewIds = new Set(rows('crew_roster.csv').map((r) => r.roster_id));
    const maintIds = rows('maintenance_roster.csv').map((r) => r.roster_id ?? '');
    for (const id of [...crewIds, ...maintIds]) expect(id).toMatch(/^R\d{5}$/);
    expect(maintIds.filter((id) => crewIds.has(id)).length).toBeGreaterThan(0);
  });

  it('disruption rows, swap options and scenarios resolve', () => {
    for (const d of rows('disrupted_passengers.csv')) {
      expect(passengers.has(d.passenger_id ?? '')).toBe(true);
      expect(flights.has(d.flight_id ?? '')).toBe(true);
      if (d.connecting_flight_id) expect(flights.get(d.connecting_flight_id)?.flight_number).toBe(d.connecting_flight_number);
      if (d.rebooked_flight_id) expect(flights.has(d.rebooked_flight_id)).toBe(true);
    }
    for (const s of rows('inbound_flight_impact.csv')) expect(flights.has(s.flight_id ?? '')).toBe(true);
    const fleet = new Set(rows('aircraft_availability.csv').map((w) => w.aircraft_registration));
    for (const w of rows('maintenance_work_orders.csv')) expect(fleet.has(w.aircraft_registration)).toBe(true);
    for (const s of rows('aircraft_swap_options.csv')) expect(fleet.has(s.aircraft_registration)).toBe(true);
    for (const f of flights.values()) expect(fleet.has(f.aircraft_registration)).toBe(true);
  });

  it('upline and downline links follow each aircraft rotation', () => {
    for (const a of flights.values()) {
      if (a.downline_flight_id) {
        const b = flights.get(a.downline_flight_id);
        expect(b, a.flight_id).toBeDefined();
        expect(b?.upline_flight_id).toBe(a.flight_id);
        expect(b?.upline_flight_number).toBe(a.flight_number);
        expect(a.downline_flight_number).toBe(b?.flight_number);
        expect(b?.aircraft_registration).toBe(a.aircraft_registration);
        expect(b?.origin_airport).toBe(a.destination_airport);
        const turn = (ms(b?.departure_time) - ms(a.arrival_time)) / MIN;
        expect(turn).toBeGreaterThanOrEqual(['A320', 'A321'].includes(a.aircraft_type ?? '') ? 45 : 60);
      }
      if (a.upline_flight_id) expect(flights.get(a.upline_flight_id)?.downline_flight_id).toBe(a.flight_id);
      expect(a.origin_airport === 'AUH' || a.destination_airport === 'AUH').toBe(true);
      expect(ms(a.arrival_time)).toBeGreaterThan(ms(a.departure_time));
    }
    // one rotation per aircraft: a single flight without upline, the others chained from it
    const byReg = new Map<string, Rec[]>();
    for (const f of flights.values()) byReg.set(f.aircraft_registration ?? '', [...(byReg.get(f.aircraft_registration ?? '') ?? []), f]);
    for (const [reg, list] of byReg)
      expect(
        list.filter((f) => !f.upline_flight_id),
        reg,
      ).toHaveLength(1);
  });

  it('weather covers 19 airports hour by hour for the day', () => {
    const w = rows('weather.csv');
    const airports = new Set(w.map((r) => r.airport_code));
    expect(airports.size).toBe(19);
    const served = new Set([...flights.values()].flatMap((f) => [f.origin_airport, f.destination_airport]));
    expect([...served].sort()).toEqual([...airports].sort());
    for (const r of w) expect(r.forecast_time_zulu).toMatch(/^2026-03-15T\d{2}:00:00Z$/);
    const fogOrSand = w.filter((r) => r.condition === 'Fog' || r.condition === 'Sandstorm');
    expect(fogOrSand.length).toBeGreaterThan(0);
    for (const r of fogOrSand) expect(['MODERATE', 'SEVERE']).toContain(r.operational_impact);
  });
});

describe('sample generator: the story', () => {
  const d = disruptedFlight.flight;
  const dep = ms(d?.departure_time);
  const arr = ms(d?.arrival_time);

  it('has exactly one flight with 346 passengers, a delayed B777-300ER into AUH', () => {
    expect(disruptedFlight.ids).toHaveLength(1);
    expect(d?.aircraft_type).toBe('B777-300ER');
    expect(d?.destination_airport).toBe('AUH');
    expect(d?.origin_airport).not.toBe('AUH');
    expect(d?.flight_status).toBe('DELAYED');
    expect(d?.mel_status).toBe('ACTIVE');
    expect(['B', 'C']).toContain(d?.mel_category);
    const others = [...disruptedFlight.counts].filter(([id]) => id !== d?.flight_id);
    for (const [, n] of others) expect(n).toBeLessThan(346);
  });

  it('its 346 passengers are exactly the disrupted_passengers rows', () => {
    const onFlight = rows('passengers.csv').filter((p) => p.flight_id === d?.flight_id);
    const disrupted = rows('disrupted_passengers.csv');
    expect(new Set(disrupted.map((r) => r.passenger_id))).toEqual(new Set(onFlight.map((p) => p.passenger_id)));
    for (const r of disrupted) {
      const p = passengers.get(r.passenger_id ?? '');
      expect(r.flight_id).toBe(d?.flight_id);
      expect(r.cabin_class).toBe(p?.cabin_class);
      expect(r.passenger_category).toBe(p?.passenger_category);
      expect(Boolean(r.rebooked_flight_id)).toBe(r.rebooking_status === 'REBOOKED' || r.rebooking_status === 'PROTECTED');
    }
    const bookings = new Set(rows('bookings.csv').map((b) => b.passenger_id));
    for (const r of disrupted) expect(bookings.has(r.passenger_id)).toBe(true);
  });

  it('its connections are real AUH departures 45 min to 8 h after its scheduled arrival', () => {
    const connecting = rows('disrupted_passengers.csv').filter((r) => r.has_connection === 'Y');
    expect(connecting.length).toBeGreaterThan(346 * 0.2);
    expect(connecting.length).toBeLessThan(346 * 0.45);
    const slacks = connecting.map((r) => {
      const f = flights.get(r.connecting_flight_id ?? '');
      expect(f?.origin_airport).toBe('AUH');
      expect(r.final_destination).toBe(f?.destination_airport);
      return (ms(f?.departure_time) - arr) / MIN;
    });
    expect(Math.min(...slacks)).toBeGreaterThanOrEqual(45);
    expect(Math.max(...slacks)).toBeLessThanOrEqual(480);
    const broken = [90, 180, 300].map((delay) => slacks.filter((s) => s - delay < 60).length);
    expect(broken[0]).toBeLessThan(broken[1] ?? 0);
    expect(broken[1]).toBeLessThan(broken[2] ?? 0);
  });

  it('its aircraft is AOG at the outstation across the departure, with open work and engineers on it', () => {
    const reg = d?.aircraft_registration;
    const windows = rows('aircraft_availability.csv').filter((w) => w.aircraft_registration === reg);
    const aog = windows.find((w) => w.availability_status === 'AOG');
    expect(aog?.location).toBe(d?.origin_airport);
    expect(ms(aog?.availability_start)).toBeLessThanOrEqual(dep);
    expect(ms(aog?.availability_end)).toBeGreaterThan(dep + 3 * 60 * MIN);
    const open = rows('maintenance_work_orders.csv').filter(
      (w) => w.aircraft_registration === reg && (w.status === 'OPEN' || w.status === 'IN_PROGRESS'),
    );
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.length).toBeLessThanOrEqual(3);
    for (const w of open) {
      expect(['AOG', 'HIGH']).toContain(w.priority);
      const staffed = rows('maintenance_roster.csv').filter((l) => l.workorder_id === w.workorder_id);
      expect(staffed.length, w.workorder_id).toBeGreaterThan(0);
      for (const l of staffed) expect(l.location).toBe(d?.origin_airport);
    }
    expect(open.map((w) => w.ata_chapter)).toEqual(expect.arrayContaining(['29', '32']));
  });

  it('its downline leaves AUH later the same day, and two later flights fly its route', () => {
    const down = flights.get(d?.downline_flight_id ?? '');
    expect(down?.origin_airport).toBe('AUH');
    expect(ms(down?.departure_time)).toBeGreaterThan(arr);
    const later = [...flights.values()].filter(
      (f) => f.origin_airport === d?.origin_airport && f.destination_airport === 'AUH' && ms(f.departure_time) > dep,
    );
    expect(later.length).toBeGreaterThanOrEqual(2);
  });

  it('its cargo includes perishables, animals, dangerous goods and valuables', () => {
    const shipments = index('cargo_shipments.csv', 'shipment_id');
    const codes = rows('cargo_flight_assignments.csv')
      .filter((a) => a.flight_id === d?.flight_id)
      .flatMap((a) => (shipments.get(a.shipment_id ?? '')?.special_handling ?? '').split(';'));
    expect(codes).toEqual(expect.arrayContaining(['PER', 'AVI', 'DGR', 'VAL']));
  });

  it('offers four widebody swap aircraft, other than the AOG one, with mixed feasibility', () => {
    const swaps = rows('aircraft_swap_options.csv');
    expect(swaps.map((s) => s.aircraft_registration)).not.toContain(d?.aircraft_registration);
    for (const s of swaps) expect(['B777-300ER', 'B787-9', 'B787-10', 'A350-1000']).toContain(s.aircraft_type);
    const feasibility = swaps.map((s) => s.swap_feasibility);
    expect(feasibility.filter((f) => f === 'NOT_FEASIBLE')).toHaveLength(1);
    expect(feasibility.filter((f) => f === 'FEASIBLE_WITH_CONDITIONS').length).toBeGreaterThanOrEqual(1);
    expect(swaps.some((s) => Number(s.seat_capacity) < 346)).toBe(true);
    const notFeasible = swaps.find((s) => s.swap_feasibility === 'NOT_FEASIBLE');
    const windows = rows('aircraft_availability.csv').filter((w) => w.aircraft_registration === notFeasible?.aircraft_registration);
    const atDeparture = windows.find((w) => ms(w.availability_start) <= dep && ms(w.availability_end) > dep);
    expect(atDeparture?.availability_status).toBe('MAINT');
  });

  it('describes three scenarios with growing delays', () => {
    const scenarios = rows('inbound_flight_impact.csv');
    expect(scenarios.map((s) => [s.scenario, Number(s.delay_minutes)])).toEqual([
      ['SWAP_LOCAL', 120],
      ['FERRY_SPARE_FROM_AUH', 300],
      ['REPAIR_IN_PLACE', 540],
    ]);
    for (const s of scenarios) expect(s.flight_id).toBe(d?.flight_id);
  });

  it('puts progressively more of its crew over a 13 h duty as the delay grows', () => {
    const lines = rows('crew_roster.csv').filter((l) => l.flight_id === d?.flight_id);
    const fdp = lines.map((l) => (ms(l.duty_end) - ms(l.duty_start)) / MIN);
    const illegal = [120, 300, 540].map((delay) => fdp.filter((m) => m + delay > 13 * 60).length);
    expect(illegal[0]).toBeGreaterThan(0);
    expect(illegal[0]).toBeLessThan(illegal[1] ?? 0);
    expect(illegal[1]).toBeLessThan(illegal[2] ?? 0);
    const downline = rows('crew_roster.csv').filter((l) => l.flight_id === d?.downline_flight_id);
    expect(downline.length).toBeGreaterThan(0);
  });

  it('keeps B777-300ER standby crew at AUH with no roster line', () => {
    const rostered = new Set(rows('crew_roster.csv').map((l) => l.crew_id));
    const standby = rows('crew_members.csv').filter(
      (c) => !rostered.has(c.crew_id) && c.base === 'AUH' && (c.qualified_aircraft_types ?? '').split(';').includes('B777-300ER'),
    );
    expect(standby.some((c) => c.rank === 'CPT')).toBe(true);
    expect(standby.some((c) => c.rank === 'FO')).toBe(true);
  });
});
