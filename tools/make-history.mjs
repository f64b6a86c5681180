#!/usr/bin/env node
// tools/make-history.mjs SRC_DIR OUT_DIR --days N
//
// Copied from ../shared/tools/make_history.mjs, the tool of issue 11 ("Performance"), so that a clean
// clone (CI) has it: bench/history.ts and test/history.test.ts build their multi-day sets with it.
// Its text below is the original's, reformatted by prettier.
//
// Turns a one-day dataset of the 16 CSVs into N days of operations, the way a table that keeps
// history holds them. The source day stays as it is and is the latest day; day d (1..N-1) is the
// source moved d days back: every ISO 8601 date-time and every YYYYMMDD inside a *flight_id
// column moves by -d days, and the ids of per-day rows get the suffix `D<dd>`, so that days
// never collide. History is settled: a past day's work orders are CLOSED and its open-ended
// availability windows end with that day. Master data keyed by person or registration
// (crew_members, maintenance_staff, aircraft_swap_options) stays as the source day's only.
// Every file goes through the same transform, so references stay consistent. Answers about the
// source day must not change when the history is loaded next to it, and neither should their cost.
import fs from 'node:fs';
import path from 'node:path';

const [src, out, ...rest] = process.argv.slice(2);
const days = Number(rest[rest.indexOf('--days') + 1] || 30);
// Day d > 0 lies d days BEFORE the source day: the source is the latest day, the rest is history.
const SHIFT = -1;
if (!src || !out || !(days >= 1)) {
  console.error('usage: make_history.mjs SRC_DIR OUT_DIR --days N');
  process.exit(2);
}
const MASTER = new Set(['crew_members.csv', 'maintenance_staff.csv', 'aircraft_swap_options.csv']);
const SUFFIXED = new Set([
  'passenger_id',
  'booking_id',
  'baggage_tag',
  'roster_id',
  'shipment_id',
  'assignment_id',
  'workorder_id',
  'scenario',
  'traveler_id',
]);
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function shiftIso(v, d) {
  const t = new Date(v);
  if (Number.isNaN(+t)) return v;
  return new Date(+t + d * 86400000).toISOString().replace('.000Z', 'Z');
}
function shiftYmd(v, d) {
  return v.replace(/(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)/g, (_, y, m, dd) =>
    new Date(Date.UTC(+y, +m - 1, +dd) + d * 86400000).toISOString().slice(0, 10).replace(/-/g, ''),
  );
}
// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [],
    field = '',
    inQ = false,
    i = 0;
  while (i < text.length) {
    const c = text[i];
    if (inQ) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        inQ = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQ = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
const esc = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

fs.mkdirSync(out, { recursive: true });
let total = 0;
for (const f of fs.readdirSync(src).filter((x) => x.toLowerCase().endsWith('.csv'))) {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(src, f), 'utf8'));
  const cols = header.map((h) => h.trim().toLowerCase());
  const lines = [header.map(esc).join(',')];
  const at = (name) => cols.indexOf(name);
  for (let d = 0; d < (MASTER.has(f.toLowerCase()) ? 1 : days); d++) {
    for (const r of rows) {
      const cells = r.map((v, i) => {
        const col = cols[i] ?? '';
        if (v === '' || d === 0) return v;
        if (ISO.test(v.trim())) return shiftIso(v.trim(), SHIFT * d);
        if (/flight_id$|_flight_ids?$/.test(col)) return shiftYmd(v, SHIFT * d);
        if (SUFFIXED.has(col)) return `${v}D${String(d).padStart(2, '0')}`;
        return v;
      });
      if (d > 0 && f.toLowerCase() === 'maintenance_work_orders.csv' && at('status') >= 0) cells[at('status')] = 'CLOSED';
      if (d > 0 && f.toLowerCase() === 'aircraft_availability.csv' && at('availability_end') >= 0 && !cells[at('availability_end')]) {
        const start = Date.parse(cells[at('availability_start')] || '');
        if (Number.isFinite(start))
          cells[at('availability_end')] = new Date(start - (start % 86400000) + 86400000 - 60000).toISOString().replace('.000Z', 'Z');
      }
      lines.push(cells.map(esc).join(','));
      total++;
    }
  }
  fs.writeFileSync(path.join(out, f), lines.join('\n') + '\n');
}
console.log(`${total} rows over ${days} days in ${out}`);
