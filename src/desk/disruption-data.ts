import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import {
  AircraftAvailability,
  AircraftSwapOptions,
  Baggage,
  CargoFlightAssignments,
  CargoShipments,
  CrewMembers,
  CrewRoster,
  DisruptedPassengers,
  Flights,
  InboundFlightImpact,
  MaintenanceWorkOrders,
  Passengers,
  Weather,
} from '../../entities/index.js';
import type { AircraftNode, Reader } from '../../db/reader.js';
import { addMinutes, endOfUtcDay, upperOf } from './nodes.js';
import { FACTS_DAYS_AFTER } from './rules.js';
import { departuresBetween, resolveOnwardFlights, type OnwardResolution } from './onward-flights.js';
import { toNode } from '../../db/nodes.js';
import type { TimeWindow } from '../../db/days.js';
import type {
  AssignmentNode,
  AvailabilityNode,
  BagNode,
  CrewNode,
  DisruptedNode,
  FlightNode,
  ForecastNode,
  ImpactNode,
  PassengerNode,
  RosterNode,
  ShipmentNode,
  SwapNode,
  WorkOrderNode,
} from './nodes.js';

/** Everything the desk knows about one aircraft: its windows, work orders and flights. */
export interface AircraftFacts {
  readonly aircraft: AircraftNode;
  readonly windows: AvailabilityNode[];
  readonly workOrders: WorkOrderNode[];
  readonly flights: FlightNode[];
}

/**
 * The data behind one disrupted flight, for one GraphQL request. Every part is
 * loaded on first use and kept, through the request's loaders: the parts a query
 * selects decide the calls, and the same part asked by two answers is read once.
 * Whole collections of a flight (its 346 disrupted passengers, say) are one
 * Query on the flight's item collection rather than four BatchGetItem calls.
 */
export class DisruptionData {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly reader: Reader,
    readonly flight: FlightNode,
  ) {}

  get flightId(): string {
    return this.flight.flightId;
  }

  disrupted(): Promise<DisruptedNode[]> {
    return this.once('disrupted', async () =>
      (await this.reader.loaders.queries.load(ACCESS_PATTERNS.disruptedOfFlight(this.flightId))).map((i) => toNode(DisruptedPassengers, i)),
    );
  }

  /** Passengers of the flight by id. */
  passengers(): Promise<Map<string, PassengerNode>> {
    return this.once('passengers', async () => {
      const [items, disrupted] = await Promise.all([
        this.reader.loaders.queries.load(ACCESS_PATTERNS.passengersOfFlight(this.flightId)),
        this.disrupted(),
      ]);
      const byId = new Map(items.map((i) => [String(i.passenger_id), toNode(Passengers, i)]));
      // A passenger rebooked through the API is on their new flight now: read by key (one BatchGetItem).
      const moved = disrupted.filter((d) => d.rebookedFlightId && !byId.has(d.passengerId)).map((d) => d.passengerId);
      if (moved.length > 0) for (const p of await this.reader.many(Passengers, moved)) byId.set(p.passengerId, p);
      return byId;
    });
  }

  bags(): Promise<BagNode[]> {
    return this.once('bags', async () =>
      (await this.reader.loaders.queries.load(ACCESS_PATTERNS.baggageOfFlight(this.flightId))).map((i) => toNode(Baggage, i)),
    );
  }

  cargo(): Promise<Array<{ assignment: AssignmentNode; shipment: ShipmentNode | null }>> {
    return this.once('cargo', async () => {
      const assignments = await this.reader.children(this.flight, 'cargo', CargoFlightAssignments, ACCESS_PATTERNS.cargoOfFlight(this.flightId));
      const shipments = await this.reader.many(CargoShipments, unique(assignments.map((a) => a.shipmentId)));
      const byId = new Map(shipments.map((s) => [s.shipmentId, s]));
      return assignments.map((assignment) => ({ assignment, shipment: byId.get(assignment.shipmentId ?? '') ?? null }));
    });
  }

  crewOf(flight: FlightNode): Promise<RosterNode[]> {
    return this.once(`crew:${flight.flightId}`, () =>
      this.reader.children(flight, 'crew', CrewRoster, ACCESS_PATTERNS.crewOfFlight(flight.flightId)),
    );
  }

  crewMembers(ids: readonly string[]): Promise<Map<string, CrewNode>> {
    return this.reader.many(CrewMembers, unique(ids)).then((members) => new Map(members.map((m) => [m.crewId, m])));
  }

  /** Roster lines of the flight and its downline, with their crew members: what crew legality and the scenarios check. */
  async crewOfRotation(): Promise<{ downline: FlightNode[]; lines: RosterNode[]; members: Map<string, CrewNode> }> {
    const downline = await this.downline();
    const lines = (await Promise.all([this.flight, ...downline].map((f) => this.crewOf(f)))).flat();
    const members = await this.crewMembers(lines.map((l) => l.crewId!));
    return { downline, lines, members };
  }

  impacts(): Promise<ImpactNode[]> {
    return this.once('impacts', async () => {
      const impacts = await this.reader.children(this.flight, 'impacts', InboundFlightImpact, ACCESS_PATTERNS.impactsOfFlight(this.flightId));
      return impacts.sort((a, b) => (a.delayMinutes ?? 0) - (b.delayMinutes ?? 0) || (a.scenario ?? '').localeCompare(b.scenario ?? ''));
    });
  }

  /**
   * The rest of the aircraft's rotation after this flight: its downline links
   * where the export has them, else the aircraft's next flight by time.
   */
  downline(): Promise<FlightNode[]> {
    return this.once('downline', async () => {
      const facts = await this.aircraftFacts(this.flight.aircraftRegistration);
      const byId = new Map((facts?.flights ?? []).map((f) => [f.flightId, f]));
      const chain: FlightNode[] = [];
      // An export with downline links ends a rotation where the links end; one without them gets the time order.
      const linked = [this.flight, ...(facts?.flights ?? [])].some((f) => f.downlineFlightId);
      let previous = this.flight;
      // Bounded: a rotation is a handful of flights; a cycle in bad data must not loop.
      while (chain.length < 24) {
        const next = previous.downlineFlightId
          ? (byId.get(previous.downlineFlightId) ?? (await this.reader.byId(Flights, previous.downlineFlightId)))
          : linked
            ? null
            : nextInRotation(facts?.flights ?? [], previous);
        if (!next || next.flightId === this.flightId || chain.some((f) => f.flightId === next.flightId)) break;
        chain.push(next);
        previous = next;
      }
      return chain;
    });
  }

  /** Onward flights of the connecting passengers, resolved (onward-flights.ts), by passenger id. */
  onwardFlights(): Promise<Map<string, OnwardResolution>> {
    return this.once('onward', async () => resolveOnwardFlights(this.reader, this.flight, await this.disrupted()));
  }

  /** Departures from the disrupted flight's destination (the hub) in a window: re-protection options. */
  hubDepartures(window: { from: string; to: string } | undefined): Promise<FlightNode[]> {
    const airport = this.flight.destinationAirport;
    if (!airport || !window) return Promise.resolve([]);
    return this.once(`hub-departures:${window.from}:${window.to}`, () => departuresBetween(this.reader, airport, window.from, window.to));
  }

  /** Flights on the flight's route departing the same UTC day: only that day's, so the read follows the answer, not the route's history. */
  async routeFlightsThatDay(): Promise<FlightNode[]> {
    const f = this.flight;
    if (!f.originAirport || !f.destinationAirport || !f.departureTime) return [];
    const items = await this.reader.loaders.queries.load(
      ACCESS_PATTERNS.flightsFromOrigin(f.originAirport, f.destinationAirport, [f.departureTime, endOfUtcDay(f.departureTime)]),
    );
    return items.map((i) => toNode(Flights, i));
  }

  swapOptions(): Promise<SwapNode[]> {
    return this.once('swaps', async () =>
      (await this.reader.loaders.queries.load(ACCESS_PATTERNS.allSwapOptions())).map((i) => toNode(AircraftSwapOptions, i)),
    );
  }

  allCrew(): Promise<CrewNode[]> {
    return this.once('all-crew', async () =>
      (await this.reader.loaders.queries.load(ACCESS_PATTERNS.allCrewMembers())).map((i) => toNode(CrewMembers, i)),
    );
  }

  /** An aircraft's facts in the window around this flight's departure (factsWindowAround). */
  aircraftFacts(registration: string | undefined): Promise<AircraftFacts | null> {
    const departure = this.flight.departureTime;
    return this.once(`aircraft:${registration}`, () =>
      loadAircraftFacts(this.reader, registration, departure ? factsWindowAround(departure) : undefined),
    );
  }

  forecastNear(airport: string | undefined, time: string | undefined): Promise<ForecastNode | null> {
    return this.reader.forecastNear(Weather, airport, time);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.memo.set(key, promise);
    }
    return promise;
  }
}

/**
 * The window of an aircraft's facts around a flight: from the start of its
 * departure's day (a window or rotation begun before is listed on that day too)
 * to two days after (what a swap would abandon, the rest of the rotation). A
 * table that keeps weeks of history costs what one day costs.
 */
export function factsWindowAround(time: string): TimeWindow {
  return { from: `${time.slice(0, 10)}T00:00:00Z`, to: addMinutes(time, FACTS_DAYS_AFTER * 24 * 60)! };
}

/**
 * An aircraft's facts: its availability windows overlapping `window`, its open
 * work orders, and its flights departing in `window`. Read by key from what the
 * seed materialised per day, never the aircraft's whole history.
 */
export async function loadAircraftFacts(
  reader: Reader,
  registration: string | undefined,
  window: TimeWindow | undefined,
): Promise<AircraftFacts | null> {
  const aircraft = await reader.aircraft(registration);
  if (!aircraft) return null;
  const reg = aircraft.registration;
  // Windows and flights from the aircraft's item (its operating day) or day items (one BatchGetItem level
  // for every aircraft of the request), its open work orders from its item: none of it grows with history.
  const [windows, workOrders, flights] = await Promise.all([
    reader.childrenOfDays(aircraft, 'availability', AircraftAvailability, window, (w) =>
      ACCESS_PATTERNS.availabilityOfAircraftEndingFrom(reg, w?.from),
    ),
    reader.children(aircraft, 'workOrders', MaintenanceWorkOrders, ACCESS_PATTERNS.openWorkOrdersOfAircraft(reg)),
    reader.childrenOfDays(aircraft, 'flights', Flights, window, (w) => ACCESS_PATTERNS.flightsOfAircraft(reg, w?.from, w?.to)),
  ]);
  const by =
    <T>(key: (t: T) => string | undefined) =>
    (a: T, b: T) =>
      (key(a) ?? '').localeCompare(key(b) ?? '');
  return {
    aircraft,
    windows: windows.rows
      .filter((w) => !windows.window || ((w.availabilityStart ?? '') <= windows.window.to && (w.availabilityEnd ?? '9999') > windows.window.from))
      .sort(by((w) => w.availabilityStart)),
    workOrders: workOrders.sort(by((w) => w.dueAt)),
    flights: flights.rows
      .filter((f) => !flights.window || ((f.departureTime ?? '') >= flights.window.from && (f.departureTime ?? '') <= flights.window.to))
      .sort(by((f) => f.departureTime)),
  };
}

/**
 * The flight an aircraft flies after `flight` when the export has no downline
 * links: its first departure after the flight's departure (flights sorted by
 * time), if it leaves from where the flight arrived.
 */
export function nextInRotation(flights: readonly FlightNode[], flight: FlightNode): FlightNode | null {
  const departure = flight.departureTime;
  if (!departure) return null;
  const next = flights.find((f) => f.flightId !== flight.flightId && (f.departureTime ?? '') > departure);
  return next && upperOf(next.originAirport) === upperOf(flight.destinationAirport) ? next : null;
}

export function unique(values: ReadonlyArray<string | undefined | null>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
