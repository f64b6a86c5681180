import type { AnyEntityModel } from './define.js';
import { Passengers } from './passengers.js';
import { Flights } from './flights.js';
import { AircraftAvailability } from './aircraft-availability.js';
import { MaintenanceWorkOrders } from './maintenance-work-orders.js';
import { Weather } from './weather.js';
import { DisruptedPassengers } from './disrupted-passengers.js';
import { AircraftSwapOptions } from './aircraft-swap-options.js';
import { InboundFlightImpact } from './inbound-flight-impact.js';
import { Bookings } from './bookings.js';
import { Baggage } from './baggage.js';
import { CrewMembers } from './crew-members.js';
import { CrewRoster } from './crew-roster.js';
import { CargoShipments } from './cargo-shipments.js';
import { CargoFlightAssignments } from './cargo-flight-assignments.js';
import { MaintenanceStaff } from './maintenance-staff.js';
import { MaintenanceRoster } from './maintenance-roster.js';

// Each entity's module: its model and the constants its definition names (REGULAR_CATEGORY, ...).
export * from './passengers.js';
export * from './flights.js';
export * from './aircraft-availability.js';
export * from './maintenance-work-orders.js';
export * from './weather.js';
export * from './disrupted-passengers.js';
export * from './aircraft-swap-options.js';
export * from './inbound-flight-impact.js';
export * from './bookings.js';
export * from './baggage.js';
export * from './crew-members.js';
export * from './crew-roster.js';
export * from './cargo-shipments.js';
export * from './cargo-flight-assignments.js';
export * from './maintenance-staff.js';
export * from './maintenance-roster.js';
export * from './define.js';
export * from './kinds.js';
export * from './table.js';
export * from './aircraft.js';
export * from './audit.js';

/** The 16 entities in the contract's order (the order users know them in), with their static types. */
export const MODELS = [
  Passengers,
  Flights,
  AircraftAvailability,
  MaintenanceWorkOrders,
  Weather,
  DisruptedPassengers,
  AircraftSwapOptions,
  InboundFlightImpact,
  Bookings,
  Baggage,
  CrewMembers,
  CrewRoster,
  CargoShipments,
  CargoFlightAssignments,
  MaintenanceStaff,
  MaintenanceRoster,
] as const;

export const ENTITIES: readonly AnyEntityModel[] = MODELS;

const BY_NAME = new Map(ENTITIES.map((e) => [e.name, e]));

export function entityByName(name: string): AnyEntityModel {
  const model = BY_NAME.get(name);
  if (!model) throw new Error(`unknown entity ${JSON.stringify(name)}; known: ${[...BY_NAME.keys()].join(', ')}`);
  return model;
}

/**
 * The order the seed writes files in: every child before the parents it is
 * materialised on (a parent's `_refs` must be complete when it is written),
 * and every row after the targets it copies columns from (LinkDeclaration.copies).
 * Derived from the links, so a new relation cannot be forgotten here.
 */
export function loadOrder(): AnyEntityModel[] {
  const ordered: AnyEntityModel[] = [];
  const visiting = new Set<string>();
  const visit = (model: AnyEntityModel) => {
    if (ordered.includes(model)) return;
    if (visiting.has(model.name)) throw new Error(`belongsTo cycle through ${model.name}`);
    visiting.add(model.name);
    for (const child of ENTITIES) {
      if (child.belongsTo.some((b) => b.parent === model)) visit(child);
    }
    for (const link of model.links ?? []) {
      const target = link.copies ? link.to() : undefined;
      if (target && target !== model) visit(entityByName(target.name));
    }
    visiting.delete(model.name);
    ordered.push(model);
  };
  ENTITIES.forEach(visit);
  return ordered;
}
