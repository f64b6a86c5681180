import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Flights } from '../../../entities/index.js';
import { cargoOnBoard, laterFlightsOnRoute } from '../../desk/cargo.js';
import { connectionCounts, connectionsAtRisk } from '../../desk/connections.js';
import { onwardSearch } from '../../desk/onward-flights.js';
import { crewLegality, delayMap } from '../../desk/crew-legality.js';
import { DisruptionData } from '../../desk/disruption-data.js';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { endOfUtcDay, upperOf, type FlightNode } from '../../desk/nodes.js';
import { bagsToMove, careLogistics, join, passengerCounts, recoveryProgress, round, watchlist } from '../../desk/passenger-views.js';
import { propagateDelay } from '../../desk/propagation.js';
import { rankForReaccommodation } from '../../desk/reaccommodation.js';
import { DEFAULT_MAX_FDP_MINUTES, DEFAULT_MCT_MINUTES, GROUNDED_STATUSES, MIN_TURNAROUND_MINUTES } from '../../desk/rules.js';
import { evaluateScenario, hubDepartureWindow } from '../../desk/scenarios.js';
import { checkSwap, swapTimes } from '../../desk/swap-check.js';
import { DEFAULT_WEATHER_THRESHOLDS } from '../../desk/weather-risk.js';
import { toNode } from '../../../db/nodes.js';
import { pageSize } from '../../../db/page.js';
import type { GatewayContext } from '../context.js';
import { AircraftAvailabilityType, CrewRosterEntryType, FlightType } from '../entity-types.js';
import { badInput } from '../../../db/gateway-error.js';
import { MAX_DELAY_MINUTES } from '../ranges.js';
import { validId } from '../validate.js';
import { AircraftType } from './aircraft.resolver.js';
import {
  BagSummary,
  BagsToMove,
  CareLogistics,
  CargoReprotection,
  CargoSummary,
  ConnectionMatch,
  ConnectionsAtRisk,
  CrewLegality,
  DisruptedPassengerCounts,
  ReaccommodationConnection,
  RecoveryProgress,
  ScenarioComparison,
  SwapOptionCheck,
  SwapVerdict,
  WatchlistEntry,
} from '../desk/types.js';

@ObjectType('Disruption', { description: 'Everything the desk asks about one disrupted flight; each part is computed only when selected.' })
export class DisruptionType {
  @Field(() => ID) flightId!: string;
  data!: DisruptionData;
}

/** An integer argument within bounds, or BAD_USER_INPUT naming it. */
function bounded(name: string, value: number | undefined | null, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`\`${name}\` must be an integer from ${min} to ${max}, got ${value}`, name);
  return value;
}

@Resolver(() => DisruptionType)
export class DisruptionResolver {
  @Query(() => DisruptionType, { nullable: true, description: 'The disruption desk view of a flight (null when the flight is unknown).' })
  async disruption(@Arg('flightId', () => ID) flightId: string, @Ctx() ctx: GatewayContext): Promise<DisruptionType | null> {
    const flight = await ctx.reader.byId(Flights, validId(flightId, 'flightId'));
    if (!flight) return null;
    return { flightId: flight.flightId!, data: new DisruptionData(ctx.reader, flight) };
  }

  // 1. Blast radius --------------------------------------------------------------------------

  @FieldResolver(() => FlightType)
  flight(@Root() d: DisruptionType) {
    return d.data.flight;
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() d: DisruptionType, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(d.data.flight.aircraftRegistration);
  }

  @FieldResolver(() => AircraftAvailabilityType, { nullable: true, description: 'The AOG/MAINT window of its aircraft around the departure.' })
  async groundingWindow(@Root() d: DisruptionType) {
    const facts = await d.data.aircraftFacts(d.data.flight.aircraftRegistration);
    const departure = d.data.flight.departureTime ?? '';
    const grounded = (facts?.windows ?? []).filter((w) => GROUNDED_STATUSES.has(upperOf(w.availabilityStatus)));
    return grounded.find((w) => (w.availabilityStart ?? '') <= departure && departure < (w.availabilityEnd ?? '9999')) ?? grounded[0] ?? null;
  }

  @FieldResolver(() => [FlightType], { description: 'The rest of the aircraft rotation (downline chain).' })
  downline(@Root() d: DisruptionType) {
    return d.data.downline();
  }

  @FieldResolver(() => DisruptedPassengerCounts)
  async passengerCounts(@Root() d: DisruptionType) {
    return passengerCounts(join(await d.data.disrupted(), await d.data.passengers()));
  }

  @FieldResolver(() => BagSummary, { description: 'Checked bags on the flight.' })
  async bagSummary(@Root() d: DisruptionType) {
    const bags = await d.data.bags();
    return { count: bags.length, weightKg: round(bags.reduce((s, b) => s + (b.weightKg ?? 0), 0)) };
  }

  @FieldResolver(() => CargoSummary)
  async cargoSummary(@Root() d: DisruptionType) {
    return cargoOnBoard(await d.data.cargo());
  }

  @FieldResolver(() => [CrewRosterEntryType], { description: 'Roster lines of the crew on the flight.' })
  crewOnBoard(@Root() d: DisruptionType) {
    return d.data.crewOf(d.data.flight);
  }

  // 2. Swap options, checked --------------------------------------------------------------------

  @FieldResolver(() => [SwapOptionCheck])
  async swapOptions(@Root() d: DisruptionType): Promise<SwapOptionCheck[]> {
    const [options, disrupted, allCrew, grounding, flightCrew] = await Promise.all([
      d.data.swapOptions(),
      d.data.disrupted(),
      d.data.allCrew(),
      this.groundingWindow(d),
      d.data.crewOf(d.data.flight).then(async (lines) => [...(await d.data.crewMembers(lines.map((l) => l.crewId!))).values()]),
    ]);
    const groundedUntil = (grounding as { availabilityEnd?: string } | null)?.availabilityEnd;
    const checks = await Promise.all(
      options.map(async (option) => {
        const [facts, weather] = await Promise.all([
          d.data.aircraftFacts(option.aircraftRegistration),
          d.data.forecastNear(d.data.flight.destinationAirport, swapTimes(option, d.data.flight).projectedArrivalTime),
        ]);
        return checkSwap(option, facts, weather, {
          flight: d.data.flight,
          passengers: disrupted.length,
          groundedUntil,
          allCrew,
          flightCrew,
          thresholds: DEFAULT_WEATHER_THRESHOLDS,
        });
      }),
    );
    const order = { GO: 0, GO_WITH_CONDITIONS: 1, NO_GO: 2 };
    return checks
      .sort((a, b) => order[a.verdict] - order[b.verdict] || a.projectedDelayMinutes - b.projectedDelayMinutes)
      .map((c) => ({
        ...c,
        aircraft: c.facts?.aircraft ?? null,
        availabilityStatus: c.windowAtDeparture?.availabilityStatus,
        location: c.option.currentLocation ?? c.windowAtDeparture?.location,
        melCategory: c.windowAtDeparture?.melCategory,
        melDispatchImpact: c.windowAtDeparture?.melDispatchImpact,
        verdict: c.verdict as SwapVerdict,
      }));
  }

  // 3. Re-accommodation priority -------------------------------------------------------------------

  @FieldResolver(() => ReaccommodationConnection, { description: 'Disrupted passengers to re-accommodate, ranked (rule in the README).' })
  async reaccommodation(
    @Root() d: DisruptionType,
    @Ctx() ctx: GatewayContext,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('includeResolved', () => Boolean, { defaultValue: false, description: 'Also rank REBOOKED, PROTECTED and REFUND_REQUESTED passengers.' })
    includeResolved: boolean,
  ): Promise<ReaccommodationConnection> {
    const size = pageSize(first);
    const list = `reaccommodation:${d.flightId}:${includeResolved}`;
    let offset = 0;
    if (after !== undefined && after !== null) {
      const position = ctx.reader.cursors.decode<{ offset?: unknown }>(list, after);
      if (!Number.isInteger(position?.offset) || (position.offset as number) < 0)
        throw badInput('`after` is not a cursor this server issued for this list', 'after');
      offset = position.offset as number;
    }
    const [disrupted, passengers, onward] = await Promise.all([d.data.disrupted(), d.data.passengers(), d.data.onwardFlights()]);
    const ranked = rankForReaccommodation(d.data.flight, disrupted, passengers, onward, includeResolved);
    const page = ranked.slice(offset, offset + size);
    const end = offset + page.length;
    return {
      nodes: page.map((r) => ({ rank: r.rank, passenger: r.passenger, disruption: r.disrupted, reasons: r.reasons })),
      pageInfo: { hasNextPage: end < ranked.length, endCursor: end < ranked.length ? ctx.reader.cursors.encode(list, { offset: end }) : null },
      totalCount: ranked.length,
    };
  }

  // 4. Connections at risk -------------------------------------------------------------------------

  @FieldResolver(() => ConnectionsAtRisk)
  async connectionsAtRisk(
    @Root() d: DisruptionType,
    @Arg('scenario', () => String, { nullable: true, description: 'An InboundFlightImpact scenario of this flight; none: the schedule as is.' })
    scenario: string | undefined,
    @Arg('mctMinutes', () => Int, { nullable: true, description: `Minimum connecting time (default ${DEFAULT_MCT_MINUTES}).` })
    mctMinutes: number | undefined,
  ): Promise<ConnectionsAtRisk> {
    const mct = bounded('mctMinutes', mctMinutes, DEFAULT_MCT_MINUTES, 0, 24 * 60);
    const delay = await this.scenarioDelay(d, scenario);
    const [disrupted, passengers, onward] = await Promise.all([d.data.disrupted(), d.data.passengers(), d.data.onwardFlights()]);
    const risks = connectionsAtRisk(d.data.flight, disrupted, onward, delay, mct);
    return {
      scenario: scenario ?? null,
      delayMinutes: delay,
      mctMinutes: mct,
      projectedArrival: risks[0]?.projectedArrival,
      ...connectionCounts(risks),
      connections: risks.map((r) => ({
        passenger: passengers.get(r.disrupted.passengerId!) ?? null,
        disruption: r.disrupted,
        onwardFlight: r.onwardFlight,
        matchedBy: r.matchedBy as ConnectionMatch | null,
        unresolvedReason: r.unresolvedReason,
        slackMinutes: r.slackMinutes,
        misconnects: r.misconnects,
      })),
    };
  }

  // 5. Crew legality under delay -------------------------------------------------------------------

  @FieldResolver(() => CrewLegality)
  async crewLegality(
    @Root() d: DisruptionType,
    @Arg('delayMinutes', () => Int, { description: `The delay of the flight, from 0 to ${MAX_DELAY_MINUTES} minutes.` }) delayMinutes: number,
    @Arg('maxFdpMinutes', () => Int, { nullable: true, description: `Maximum flight duty period (default ${DEFAULT_MAX_FDP_MINUTES}).` })
    maxFdpMinutes: number | undefined,
  ): Promise<CrewLegality> {
    const delay = bounded('delayMinutes', delayMinutes, 0, 0, MAX_DELAY_MINUTES);
    const maxFdp = bounded('maxFdpMinutes', maxFdpMinutes, DEFAULT_MAX_FDP_MINUTES, 60, 24 * 60);
    const { lines, members, downline } = await this.crewOfRotation(d);
    const delayed = propagateDelay(d.data.flight, downline, delay, MIN_TURNAROUND_MINUTES);
    const duties = crewLegality(delayMap(d.data.flight, delay, delayed), lines, members, maxFdp);
    return {
      delayMinutes: delay,
      maxFdpMinutes: maxFdp,
      illegalCount: duties.filter((c) => c.illegal).length,
      flights: [{ flight: d.data.flight, delayMinutes: delay }, ...delayed],
      crew: duties.map((c) => ({ ...c, roster: c.lines })),
    };
  }

  // 6. Scenario comparison -------------------------------------------------------------------------

  @FieldResolver(() => [ScenarioComparison])
  async scenarios(
    @Root() d: DisruptionType,
    @Arg('mctMinutes', () => Int, { nullable: true }) mctMinutes: number | undefined,
    @Arg('maxFdpMinutes', () => Int, { nullable: true }) maxFdpMinutes: number | undefined,
  ): Promise<ScenarioComparison[]> {
    const mct = bounded('mctMinutes', mctMinutes, DEFAULT_MCT_MINUTES, 0, 24 * 60);
    const maxFdp = bounded('maxFdpMinutes', maxFdpMinutes, DEFAULT_MAX_FDP_MINUTES, 60, 24 * 60);
    const impacts = await d.data.impacts();
    const search = onwardSearch(d.data.flight);
    const window = search && hubDepartureWindow(d.data.flight, impacts, mct, search.to);
    const [disrupted, onward, hubDepartures, cargo, crew] = await Promise.all([
      d.data.disrupted(),
      d.data.onwardFlights(),
      d.data.hubDepartures(window),
      d.data.cargo(),
      this.crewOfRotation(d),
    ]);
    return impacts.map((impact) => {
      const outcome = evaluateScenario(impact, {
        flight: d.data.flight,
        disrupted,
        onward,
        downline: crew.downline,
        hubDepartures,
        crewLines: crew.lines,
        crewMembers: crew.members,
        cargo,
        mctMinutes: mct,
        maxFdpMinutes: maxFdp,
        minTurnaroundMinutes: MIN_TURNAROUND_MINUTES,
      });
      return {
        scenario: impact.scenario!,
        impact,
        delayMinutes: outcome.delayMinutes,
        downlineFlightsDelayed: outcome.downlineDelayed.length,
        downlineDelays: outcome.downlineDelayed,
        misconnectingPassengers: outcome.misconnectingPassengers,
        unresolvedConnections: outcome.unresolvedConnections,
        crewsOverLimit: outcome.crewsOverLimit,
        hotelNights: outcome.hotelNights,
        priorityCargoLate: outcome.priorityCargoLate.length,
        priorityCargoLateKg: round(outcome.priorityCargoLate.reduce((s, c) => s + (c.assignment.weightKg ?? 0), 0)),
      };
    });
  }

  // 9-12, 15. Passenger and cargo views ------------------------------------------------------------

  @FieldResolver(() => CareLogistics)
  async care(@Root() d: DisruptionType) {
    return careLogistics(join(await d.data.disrupted(), await d.data.passengers()));
  }

  @FieldResolver(() => [WatchlistEntry])
  async watchlist(@Root() d: DisruptionType): Promise<WatchlistEntry[]> {
    return watchlist(join(await d.data.disrupted(), await d.data.passengers())).map(({ disrupted, passenger }) => ({
      passenger,
      disruption: disrupted,
      category: disrupted.passengerCategory ?? passenger?.passengerCategory,
      isInfluencer: passenger?.isInfluencer,
      seatNumber: passenger?.seatNumber,
      profession: passenger?.profession,
      preferredLanguage: passenger?.preferredLanguage,
      mealPreference: passenger?.mealPreference,
      beveragePreference: passenger?.beveragePreference,
      rebookingStatus: disrupted.rebookingStatus,
    }));
  }

  @FieldResolver(() => CargoReprotection)
  async cargo(@Root() d: DisruptionType, @Ctx() ctx: GatewayContext): Promise<CargoReprotection> {
    const f = d.data.flight;
    const [onBoard, sameRoute] = await Promise.all([
      d.data.cargo().then(cargoOnBoard),
      // Only that day's flights on the route: the read follows the answer, not the route's history.
      f.originAirport && f.destinationAirport && f.departureTime
        ? ctx.reader.loaders.queries
            .load(ACCESS_PATTERNS.flightsFromOrigin(f.originAirport, f.destinationAirport, [f.departureTime, endOfUtcDay(f.departureTime)]))
            .then((items) => items.map((i) => toNode(Flights, i)))
        : Promise.resolve([] as FlightNode[]),
    ]);
    return { shipments: onBoard.lines, totalWeightKg: onBoard.weightKg, laterFlights: laterFlightsOnRoute(f, sameRoute) };
  }

  @FieldResolver(() => BagsToMove, { description: 'Bags of the disrupted passengers.' })
  async bags(@Root() d: DisruptionType) {
    return bagsToMove(await d.data.bags(), await d.data.disrupted());
  }

  @FieldResolver(() => RecoveryProgress)
  async progress(@Root() d: DisruptionType) {
    const p = recoveryProgress(join(await d.data.disrupted(), await d.data.passengers()));
    return { ...p, unresolvedVvip: p.unresolvedVvip.map((v) => v.disrupted), unresolvedConnecting: p.unresolvedConnecting.map((v) => v.disrupted) };
  }

  // Private: shared loads --------------------------------------------------------------------------

  /** Delay of a named scenario of this flight (0 without one); BAD_USER_INPUT for an unknown name. */
  private async scenarioDelay(d: DisruptionType, scenario: string | undefined): Promise<number> {
    if (scenario === undefined || scenario === null) return 0;
    const impacts = await d.data.impacts();
    const impact = impacts.find((i) => i.scenario === scenario);
    if (!impact) {
      throw badInput(
        `scenario ${JSON.stringify(scenario.slice(0, 60))} is not a scenario of flight ${d.flightId}; known: ${impacts.map((i) => i.scenario).join(', ') || 'none'}`,
        'scenario',
      );
    }
    return Math.max(0, impact.delayMinutes ?? 0);
  }

  /** Roster lines of the flight and its downline, with their crew members. */
  private async crewOfRotation(d: DisruptionType) {
    const downline = await d.data.downline();
    const lines = (await Promise.all([d.data.flight, ...downline].map((f) => d.data.crewOf(f)))).flat();
    const members = await d.data.crewMembers(lines.map((l) => l.crewId!));
    return { downline, lines, members };
  }
}
