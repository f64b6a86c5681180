import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrewRoster, ENTITIES, loadOrder, MaintenanceRoster, type AnyEntityModel } from '../entities/index.js';
import { REPO_ROOT } from './helpers.js';

/** The data contract, committed in docs/ so that a fresh clone tests against it. */
const CONTRACT = path.join(REPO_ROOT, 'docs', 'data-contract.md');
const SHARED_CONTRACT = path.join(REPO_ROOT, '..', 'shared', 'spec', 'dataset.md');

describe('entity definitions', () => {
  it('test against the current data contract', () => {
    // Where the team's shared spec sits beside the repository, the committed copy must match it.
    if (existsSync(SHARED_CONTRACT)) expect(readFileSync(CONTRACT, 'utf8')).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
    expect(readFileSync(CONTRACT, 'utf8')).toContain('## Columns the disruption desk relies on');
  });

  it('define the 16 entities of the contract, each with its own file', () => {
    expect(ENTITIES.map((e) => e.name)).toEqual([
      'Passengers',
      'Flights',
      'AircraftAvailability',
      'MaintenanceWorkOrders',
      'Weather',
      'DisruptedPassengers',
      'AircraftSwapOptions',
      'InboundFlightImpact',
      'Bookings',
      'Baggage',
      'CrewMembers',
      'CrewRoster',
      'CargoShipments',
      'CargoFlightAssignments',
      'MaintenanceStaff',
      'MaintenanceRoster',
    ]);
    expect(new Set(ENTITIES.map((e) => e.file)).size).toBe(16);
  });

  it('declare every column the data contract names for their file', () => {
    const contract = readFileSync(CONTRACT, 'utf8');
    // "- passengers.csv: passenger_id (like ...), first_name, ..." -> the single-word items
    const columnsOf = (file: string) => {
      const start = contract.indexOf(`- ${file}:`);
      expect(start, `${file} in the contract`).toBeGreaterThanOrEqual(0);
      const rest = contract.slice(start + file.length + 3);
      const text = rest.slice(0, Math.min(...['\n- ', '\n\n'].map((end) => rest.indexOf(end)).filter((i) => i >= 0)));
      return text
        .replace(/\([^)]*\)/g, '')
        .split(/[,.]/)
        .map((item) => item.trim())
        .filter((item) => /^[a-z]+(_[a-z0-9]+)*$/.test(item));
    };
    for (const model of ENTITIES) {
      const named = columnsOf(model.file);
      expect(named.length).toBeGreaterThan(2);
      for (const column of named) expect(Object.keys(model.columns), `${model.file}`).toContain(column);
    }
  });

  it('declare the columns the disruption desk relies on', () => {
    const contract = readFileSync(CONTRACT, 'utf8');
    const section = contract.slice(contract.indexOf('## Columns the disruption desk relies on'), contract.indexOf('## Loading rules'));
    const body = section.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ');
    let checked = 0;
    for (const match of body.matchAll(/([a-z_]+\.csv) ([a-z_, ]+?)(?:;|\.)/g)) {
      const model = ENTITIES.find((e) => e.file === match[1])!;
      for (const column of match[2]!
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)) {
        expect(Object.keys(model.columns), match[1]).toContain(column);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('give CrewRoster and MaintenanceRoster different keys for the same roster_id', () => {
    const crew = CrewRoster.primaryKey({ roster_id: 'R00001' });
    const maintenance = MaintenanceRoster.primaryKey({ roster_id: 'R00001' });
    expect(crew).not.toEqual(maintenance);
  });

  it('never let two entities share a primary key for the same id', () => {
    const seen = new Map<string, string>();
    for (const model of ENTITIES) {
      const key = model.primaryKey(Object.fromEntries(model.key.map((k) => [k, 'X1'])) as never);
      const id = `${key.pk}|${key.sk}`;
      expect(seen.get(id), `${model.name} collides with ${seen.get(id)}`).toBeUndefined();
      seen.set(id, model.name);
    }
  });

  it('load children before the parents that carry their keys', () => {
    const order = loadOrder().map((m) => m.name);
    const position = (name: string) => order.indexOf(name);
    for (const child of ENTITIES as AnyEntityModel[]) {
      for (const { parent } of child.belongsTo) {
        if (parent.name === 'Aircraft') continue;
        expect(position(child.name), `${child.name} before ${parent.name}`).toBeLessThan(position(parent.name));
      }
    }
  });
});

describe('README', () => {
  it('documents every access pattern the code declares', async () => {
    const { ACCESS_PATTERNS } = await import('../entities/access-patterns.js');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(ACCESS_PATTERNS)) expect(readme, name).toContain(name);
  });
});
