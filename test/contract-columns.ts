import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The columns docs/data-contract.md names for each file ("Columns", and "Columns
 * the disruption desk relies on"), written out here by hand, apart from the
 * entity definitions: a copy of an export cut down to these is what a user's
 * export with "only the contract's columns" looks like.
 */
export const CONTRACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'passengers.csv': [
    'passenger_id',
    'first_name',
    'last_name',
    'passenger_category',
    'is_influencer',
    'customer_value_score',
    'flight_id',
    'flight_number',
    'aircraft_type',
    'aircraft_registration',
    'departure_airport',
    'arrival_airport',
    'profession',
    'preferred_language',
    'meal_preference',
    'beverage_preference',
    'pnr',
    'traveler_id',
    'cabin_class',
    'seat_number',
  ],
  'flights.csv': [
    'flight_id',
    'flight_number',
    'aircraft_type',
    'aircraft_registration',
    'origin_airport',
    'destination_airport',
    'departure_time',
    'arrival_time',
    'flight_status',
    'mel_status',
    'mel_category',
    'mel_item',
    'upline_flight_id',
    'upline_flight_number',
    'downline_flight_id',
    'downline_flight_number',
  ],
  'aircraft_availability.csv': [
    'aircraft_registration',
    'availability_start',
    'availability_end',
    'availability_status',
    'aircraft_type',
    'location',
    'mel_status',
    'mel_category',
    'mel_dispatch_impact',
  ],
  'maintenance_work_orders.csv': [
    'workorder_id',
    'aircraft_registration',
    'status',
    'priority',
    'description',
    'ata_chapter',
    'mel_item',
    'opened_at',
    'due_at',
  ],
  'weather.csv': [
    'airport_code',
    'forecast_time_zulu',
    'condition',
    'temperature_c',
    'visibility_km',
    'wind_speed_kts',
    'wind_direction',
    'precipitation_mm_per_hour',
    'operational_impact',
    'runway_condition',
  ],
  'disrupted_passengers.csv': [
    'passenger_id',
    'flight_id',
    'has_connection',
    'connecting_flight_number',
    'requires_hotel',
    'rebooking_status',
    'priority',
    'ssr_codes',
  ],
  'aircraft_swap_options.csv': ['aircraft_registration', 'aircraft_type', 'swap_feasibility', 'current_location', 'ready_time_utc'],
  'inbound_flight_impact.csv': ['scenario', 'flight_id', 'delay_minutes', 'downstream_effect'],
  'bookings.csv': ['booking_id', 'passenger_id', 'flight_id', 'pnr', 'booking_status', 'fare_class'],
  'baggage.csv': ['baggage_tag', 'passenger_id', 'booking_id', 'flight_id', 'status', 'weight_kg'],
  'crew_members.csv': ['crew_id', 'first_name', 'last_name', 'rank', 'base', 'qualified_aircraft_types'],
  'crew_roster.csv': ['roster_id', 'crew_id', 'flight_id', 'position', 'duty_start', 'duty_end'],
  'cargo_shipments.csv': [
    'shipment_id',
    'awb_number',
    'origin_airport',
    'destination_airport',
    'commodity',
    'weight_kg',
    'priority',
    'special_handling',
  ],
  'cargo_flight_assignments.csv': ['assignment_id', 'shipment_id', 'flight_id', 'pieces', 'weight_kg', 'status'],
  'maintenance_staff.csv': ['staff_id', 'first_name', 'last_name', 'role', 'licence', 'base'],
  'maintenance_roster.csv': ['roster_id', 'staff_id', 'workorder_id', 'shift_start', 'shift_end', 'location'],
};

/** A copy of an export directory with every column outside the contract removed (written to a temp dir). */
export function contractOnlyCopy(dir: string): string {
  const out = mkdtempSync(path.join(tmpdir(), 'contract-only-'));
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const keep = CONTRACT_COLUMNS[file];
    if (!keep) continue;
    const rows = parse(readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Record<string, string>[];
    const lines = [keep.join(','), ...rows.map((r) => keep.map((c) => quote(r[c] ?? '')).join(','))];
    writeFileSync(path.join(out, file), `${lines.join('\n')}\n`);
  }
  return out;
}
