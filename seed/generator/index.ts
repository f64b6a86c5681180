// Builds the 16 CSV files of the sample airline day. Same seed, same bytes.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { AVAILABILITY_COLUMNS, availabilityRows, buildAvailability } from './availability.js';
import { BAGGAGE_COLUMNS, baggageRows, BOOKING_COLUMNS, bookingRows, buildBags, buildBookings } from './bookings.js';
import { ASSIGNMENT_COLUMNS, assignmentRows, buildCargo, SHIPMENT_COLUMNS, shipmentRows } from './cargo.js';
import { buildCrew, CREW_COLUMNS, CREW_ROSTER_COLUMNS, crewRosterRows, crewRows } from './crew.js';
import { type CsvTable, toCsv } from './csv.js';
import { buildDisrupted, DISRUPTED_COLUMNS, disruptedRows } from './disruption.js';
import { buildEngineers, buildMaintRoster, engineerRows, MAINT_ROSTER_COLUMNS, MAINT_STAFF_COLUMNS, maintRosterRows } from './engineers.js';
import { buildSchedule, FLIGHT_COLUMNS, flightRows } from './flights.js';
import { IMPACT_COLUMNS, impactRows } from './impact.js';
import { buildWorkOrders, WORK_ORDER_COLUMNS, workOrderRows } from './maintenance.js';
import { planMel } from './mel.js';
import { buildPassengers, PASSENGER_COLUMNS, passengerRows } from './passengers.js';
import { rngFor } from './prng.js';
import { SWAP_COLUMNS, swapRows } from './swaps.js';
import { buildWeather, impactLookup, WEATHER_COLUMNS, weatherRows } from './weather.js';

export const DEFAULT_SEED = 20261124;

/** The 16 files in the order of the data contract, with the entity names users know. */
export const DATASET_FILES = [
  ['Passengers', 'passengers.csv'],
  ['Flights', 'flights.csv'],
  ['AircraftAvailability', 'aircraft_availability.csv'],
  ['MaintenanceWorkOrders', 'maintenance_work_orders.csv'],
  ['Weather', 'weather.csv'],
  ['DisruptedPassengers', 'disrupted_passengers.csv'],
  ['AircraftSwapOptions', 'aircraft_swap_options.csv'],
  ['InboundFlightImpact', 'inbound_flight_impact.csv'],
  ['Bookings', 'bookings.csv'],
  ['Baggage', 'baggage.csv'],
  ['CrewMembers', 'crew_members.csv'],
  ['CrewRoster', 'crew_roster.csv'],
  ['CargoShipments', 'cargo_shipments.csv'],
  ['CargoFlightAssignments', 'cargo_flight_assignments.csv'],
  ['MaintenanceStaff', 'maintenance_staff.csv'],
  ['MaintenanceRoster', 'maintenance_roster.csv'],
] as const;

export type DatasetFile = (typeof DATASET_FILES)[number][1];

/** Every table of the day, keyed by file name, in contract order. */
export function generateTables(seed: number): Map<DatasetFile, CsvTable> {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const rng = (stream: string) => rngFor(seed, stream);

  const forecasts = buildWeather(rng('weather'));
  const mel = planMel(rng('mel'));
  const schedule = buildSchedule(rng('flights'), mel, impactLookup(forecasts));
  const windows = buildAvailability(rng('availability'), schedule);
  const orders = buildWorkOrders(rng('workorders'), mel);
  const passengers = buildPassengers(rng('passengers'), schedule);
  const disrupted = buildDisrupted(rng('disrupted'), schedule, passengers);
  const bookings = buildBookings(rng('bookings'), schedule, passengers);
  const bags = buildBags(rng('baggage'), schedule, bookings, disrupted);
  const crew = buildCrew(rng('crew'), schedule);
  const cargo = buildCargo(rng('cargo'), schedule);
  const engineers = buildEngineers(rng('engineers'));
  const maintRoster = buildMaintRoster(rng('maintroster'), engineers, orders);

  const tables: [DatasetFile, CsvTable][] = [
    ['passengers.csv', { columns: PASSENGER_COLUMNS, rows: passengerRows(passengers) }],
    ['flights.csv', { columns: FLIGHT_COLUMNS, rows: flightRows(schedule) }],
    ['aircraft_availability.csv', { columns: AVAILABILITY_COLUMNS, rows: availabilityRows(windows, mel) }],
    ['maintenance_work_orders.csv', { columns: WORK_ORDER_COLUMNS, rows: workOrderRows(orders) }],
    ['weather.csv', { columns: WEATHER_COLUMNS, rows: weatherRows(forecasts) }],
    ['disrupted_passengers.csv', { columns: DISRUPTED_COLUMNS, rows: disruptedRows(disrupted) }],
    ['aircraft_swap_options.csv', { columns: SWAP_COLUMNS, rows: swapRows(schedule, orders) }],
    ['inbound_flight_impact.csv', { columns: IMPACT_COLUMNS, rows: impactRows(schedule, disrupted, crew) }],
    ['bookings.csv', { columns: BOOKING_COLUMNS, rows: bookingRows(bookings) }],
    ['baggage.csv', { columns: BAGGAGE_COLUMNS, rows: baggageRows(bags) }],
    ['crew_members.csv', { columns: CREW_COLUMNS, rows: crewRows(crew) }],
    ['crew_roster.csv', { columns: CREW_ROSTER_COLUMNS, rows: crewRosterRows(crew) }],
    ['cargo_shipments.csv', { columns: SHIPMENT_COLUMNS, rows: shipmentRows(cargo) }],
    ['cargo_flight_assignments.csv', { columns: ASSIGNMENT_COLUMNS, rows: assignmentRows(cargo) }],
    ['maintenance_staff.csv', { columns: MAINT_STAFF_COLUMNS, rows: engineerRows(engineers) }],
    ['maintenance_roster.csv', { columns: MAINT_ROSTER_COLUMNS, rows: maintRosterRows(maintRoster) }],
  ];
  return new Map(tables);
}

export function generateDataset(seed: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, table] of generateTables(seed)) out.set(file, toCsv(table));
  return out;
}

export async function writeDataset(dir: string, seed: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [file, text] of generateDataset(seed)) {
    await writeFile(path.join(dir, file), text, 'utf8');
  }
}
