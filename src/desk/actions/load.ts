import { Bookings, Baggage, DisruptedPassengers, Flights, Passengers, type AnyEntityModel } from '../../../entities/index.js';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import type { Db } from '../../../db/client.js';
import { queryAll } from '../../../db/query.js';
import { itemAt, readItems } from '../../../db/transact.js';
import type { StoredItem } from '../../../db/nodes.js';
import { refused } from './run.js';

/** Items of one entity by id, read consistently (what an action is planned from must be the latest). */
export async function readById(db: Db, model: AnyEntityModel, ids: readonly string[]): Promise<Map<string, StoredItem | null>> {
  const keys = ids.map((id) => model.primaryKey(model.keyFromId(id)));
  const items = await readItems(db, keys);
  return new Map(ids.map((id, i) => [id, itemAt(items, keys[i]!)]));
}

/** A passenger's disruption record and passenger row; refused when there is no disruption record. */
export async function readDisruptedPassenger(db: Db, mutation: string, passengerId: string) {
  const dpKey = DisruptedPassengers.primaryKey({ passenger_id: passengerId });
  const paxKey = Passengers.primaryKey({ passenger_id: passengerId });
  const items = await readItems(db, [dpKey, paxKey]);
  const disruption = itemAt(items, dpKey);
  if (!disruption) throw refused(mutation, [`passenger ${passengerId} has no disruption record`]);
  return { disruption, passenger: itemAt(items, paxKey) };
}

/** The children of a parent item under a relation: by its materialised keys, or by the relation's pattern when it has none. */
async function childrenOf(db: Db, parent: StoredItem, relation: string, model: AnyEntityModel, pattern: () => Parameters<typeof queryAll>[1]) {
  const ids = (parent._refs as Record<string, string[]> | undefined)?.[relation];
  if (ids) return [...(await readById(db, model, ids)).values()].filter((i): i is StoredItem => i !== null);
  // A Query on an index is eventually consistent: the version conditions of the transaction catch a stale item.
  return queryAll(db, pattern());
}

export const bookingsOfPassenger = (db: Db, passenger: StoredItem) =>
  childrenOf(db, passenger, 'bookings', Bookings, () => ACCESS_PATTERNS.bookingsOfPassenger(String(passenger.passenger_id)));

export const baggageOfPassenger = (db: Db, passenger: StoredItem) =>
  childrenOf(db, passenger, 'baggage', Baggage, () => ACCESS_PATTERNS.baggageOfPassenger(String(passenger.passenger_id)));

export async function readFlight(db: Db, flightId: string): Promise<StoredItem | null> {
  return (await readById(db, Flights, [flightId])).get(flightId) ?? null;
}
