import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { Flights, versionOf } from '../../../entities/index.js';
import { ChangeSet } from '../../../db/changeset.js';
import { toNode, type StoredItem } from '../../../db/nodes.js';
import { queryAll } from '../../../db/query.js';
import type { Reader } from '../../../db/reader.js';
import { DisruptionData } from '../disruption-data.js';
import { addMinutes, arrivalOf, departureOf, upperOf, type FlightNode } from '../nodes.js';
import { swapOptions, SwapVerdict, type SwapOptionCheck } from '../swap-check.js';
import { readFlight } from './load.js';
import { closedFlightReason } from './rules.js';
import { refused, runAction, type ActionContext, type ActionResult } from './run.js';

export const ASSIGN_SWAP_AIRCRAFT = 'assignSwapAircraft';

/** How far back an aircraft's flights are looked at for one overlapping the swapped flight (the longest flight). */
const LONGEST_FLIGHT_HOURS = 20;

export interface AssignSwapAircraftInput {
  readonly flightId: string;
  readonly registration: string;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
}

/** The candidate's flights whose [departure, arrival] overlaps the flight's (estimated times where they exist). */
export async function overlappingFlights(ctx: { db: ActionContext['db'] }, registration: string, flight: FlightNode): Promise<FlightNode[]> {
  const dep = departureOf(flight);
  const arr = arrivalOf(flight) ?? dep;
  if (!dep || !arr) return [];
  const items = await queryAll(ctx.db, ACCESS_PATTERNS.flightsOfAircraft(registration, addMinutes(dep, -LONGEST_FLIGHT_HOURS * 60), arr));
  return items
    .map((i) => toNode(Flights, i))
    .filter((f) => f.flightId !== flight.flightId && !closedFlightReason(f.flightId, f.flightStatus))
    .filter((f) => (departureOf(f) ?? '') < arr && (arrivalOf(f) ?? departureOf(f) ?? '') > dep);
}

/**
 * Puts a swap aircraft on a flight. The desk's swap check runs again on the
 * data as it is now: NO_GO refuses it with its reasons, and so does an aircraft
 * already flying a flight that overlaps this one. The flight's aircraft
 * changes, and the old and new aircraft's flight lists (per day) follow.
 */
export function assignSwapAircraft(
  ctx: ActionContext & { reader: Reader },
  input: AssignSwapAircraftInput,
): Promise<ActionResult & { check?: SwapOptionCheck }> {
  let check: SwapOptionCheck | undefined;
  return runAction(ctx, {
    mutation: ASSIGN_SWAP_AIRCRAFT,
    input: { flightId: input.flightId, registration: input.registration, expectedVersion: input.expectedVersion },
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    plan: async () => {
      const flight: StoredItem | null = await readFlight(ctx.db, input.flightId);
      if (!flight) throw refused(ASSIGN_SWAP_AIRCRAFT, [`flight ${input.flightId} does not exist`]);
      const subject = { model: Flights, item: flight };
      const changes = new ChangeSet();
      if (versionOf(flight) !== input.expectedVersion) return { subject, changes };
      const node = toNode(Flights, flight);
      const registration = input.registration.trim();
      const reasons: string[] = [];
      const closed = closedFlightReason(input.flightId, node.flightStatus);
      if (closed) reasons.push(closed);
      if (upperOf(node.aircraftRegistration) === upperOf(registration)) reasons.push(`${registration} already flies ${input.flightId}`);
      if (reasons.length > 0) throw refused(ASSIGN_SWAP_AIRCRAFT, reasons);
      const checks = await swapOptions(new DisruptionData(ctx.reader, node));
      check = checks.find((c) => upperOf(c.option.aircraftRegistration) === upperOf(registration));
      if (!check) throw refused(ASSIGN_SWAP_AIRCRAFT, [`${registration} is not a swap option (aircraftSwapOptions)`]);
      if (check.verdict === SwapVerdict.NO_GO) reasons.push(...check.reasons.map((r) => `swap check NO_GO: ${r}`));
      for (const f of await overlappingFlights(ctx, registration, node)) {
        reasons.push(
          `${registration} already flies ${f.flightNumber ?? f.flightId} (${departureOf(f)} to ${arrivalOf(f)}), which overlaps ${input.flightId}`,
        );
      }
      if (reasons.length > 0) throw refused(ASSIGN_SWAP_AIRCRAFT, reasons);
      changes.update(Flights, flight, {
        aircraft_registration: check.option.aircraftRegistration ?? registration,
        aircraft_type: check.option.aircraftType ?? check.aircraft?.aircraftType ?? node.aircraftType,
      });
      return { subject, changes, activityOf: Flights.primaryKey({ flight_id: input.flightId }) };
    },
  }).then((result) => (check ? { ...result, check } : result));
}
