import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Flights } from '../../../entities/index.js';
import { badInput } from '../../../db/gateway-error.js';
import type { AircraftNode } from '../../../db/reader.js';
import { bagSummary, bagsToMove } from '../../desk/bags.js';
import { careLogistics } from '../../desk/care.js';
import { cargoReprotection, cargoSummary } from '../../desk/cargo.js';
import { connectionsAtRisk } from '../../desk/connections.js';
import { crewLegality } from '../../desk/crew-legality.js';
import { DisruptionData } from '../../desk/disruption-data.js';
import { groundingWindow } from '../../desk/grounding.js';
import type { AvailabilityNode, FlightNode, RosterNode } from '../../desk/nodes.js';
import { passengerCounts } from '../../desk/passenger-counts.js';
import { join } from '../../desk/passenger-views.js';
import { recoveryProgress } from '../../desk/progress.js';
import { reaccommodation } from '../../desk/reaccommodation.js';
import { DEFAULT_MAX_FDP_MINUTES, DEFAULT_MCT_MINUTES } from '../../desk/rules.js';
import { scenarioComparison } from '../../desk/scenarios.js';
import { swapOptions } from '../../desk/swap-check.js';
import { watchlist } from '../../desk/watchlist.js';
import type { GatewayContext } from '../context.js';
import { BagSummary, BagsToMove } from '../desk/bags.types.js';
import { CareLogistics } from '../desk/care.types.js';
import { CargoReprotection, CargoSummary } from '../desk/cargo.types.js';
import { ConnectionsAtRisk } from '../desk/connections.types.js';
import { CrewLegality } from '../desk/crew-legality.types.js';
import { DisruptionType } from '../desk/disruption.types.js';
import { DisruptedPassengerCounts } from '../desk/passenger-counts.types.js';
import { RecoveryProgress } from '../desk/progress.types.js';
import { ReaccommodationConnection } from '../desk/reaccommodation.types.js';
import { ScenarioComparison } from '../desk/scenarios.types.js';
import { SwapOptionCheck } from '../desk/swap-check.types.js';
import { WatchlistEntry } from '../desk/watchlist.types.js';
import { AircraftAvailabilityType, CrewRosterEntryType, FlightType } from '../entity-types.js';
import { MAX_DELAY_MINUTES } from '../ranges.js';
import { validId } from '../validate.js';
import { AircraftType } from '../aircraft-type.js';

/** An integer argument within bounds, or BAD_USER_INPUT naming it. */
function bounded(name: string, value: number | undefined | null, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`\`${name}\` must be an integer from ${min} to ${max}, got ${value}`, name);
  return value;
}

/**
 * The desk's answers on one disrupted flight. The root of every part is the
 * flight's DisruptionData, and each part returns the desk's result as it is: the
 * GraphQL type it is declared as implements the desk's type (src/graphql/desk/).
 */
@Resolver(() => DisruptionType)
export class DisruptionResolver {
  @Query(() => DisruptionType, { nullable: true, description: 'The disruption desk view of a flight (null when the flight is unknown).' })
  async disruption(@Arg('flightId', () => ID) flightId: string, @Ctx() ctx: GatewayContext): Promise<DisruptionData | null> {
    const flight = await ctx.reader.byId(Flights, validId(flightId, 'flightId'));
    return flight ? new DisruptionData(ctx.reader, flight) : null;
  }

  // 1. Blast radius --------------------------------------------------------------------------

  @FieldResolver(() => FlightType)
  flight(@Root() d: DisruptionData): FlightNode {
    return d.flight;
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() d: DisruptionData, @Ctx() ctx: GatewayContext): Promise<AircraftNode | null> {
    return ctx.reader.aircraft(d.flight.aircraftRegistration);
  }

  @FieldResolver(() => AircraftAvailabilityType, { nullable: true, description: 'The AOG/MAINT window of its aircraft around the departure.' })
  groundingWindow(@Root() d: DisruptionData): Promise<AvailabilityNode | null> {
    return groundingWindow(d);
  }

  @FieldResolver(() => [FlightType], { description: 'The rest of the aircraft rotation (downline chain).' })
  downline(@Root() d: DisruptionData): Promise<FlightNode[]> {
    return d.downline();
  }

  @FieldResolver(() => DisruptedPassengerCounts)
  async passengerCounts(@Root() d: DisruptionData): Promise<DisruptedPassengerCounts> {
    return passengerCounts(join(await d.disrupted(), await d.passengers()));
  }

  @FieldResolver(() => BagSummary, { description: 'Checked bags on the flight.' })
  async bagSummary(@Root() d: DisruptionData): Promise<BagSummary> {
    return bagSummary(await d.bags());
  }

  @FieldResolver(() => CargoSummary)
  async cargoSummary(@Root() d: DisruptionData): Promise<CargoSummary> {
    return cargoSummary(await d.cargo());
  }

  @FieldResolver(() => [CrewRosterEntryType], { description: 'Roster lines of the crew on the flight.' })
  crewOnBoard(@Root() d: DisruptionData): Promise<RosterNode[]> {
    return d.crewOf(d.flight);
  }

  // 2. Swap options, checked --------------------------------------------------------------------

  @FieldResolver(() => [SwapOptionCheck])
  swapOptions(@Root() d: DisruptionData): Promise<SwapOptionCheck[]> {
    return swapOptions(d);
  }

  // 3. Re-accommodation priority -------------------------------------------------------------------

  @FieldResolver(() => ReaccommodationConnection, { description: 'Disrupted passengers to re-accommodate, ranked (rule in the README).' })
  reaccommodation(
    @Root() d: DisruptionData,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('includeResolved', () => Boolean, { defaultValue: false, description: 'Also rank REBOOKED, PROTECTED and REFUND_REQUESTED passengers.' })
    includeResolved: boolean,
  ): Promise<ReaccommodationConnection> {
    return reaccommodation(d, includeResolved, first, after);
  }

  // 4. Connections at risk -------------------------------------------------------------------------

  @FieldResolver(() => ConnectionsAtRisk)
  connectionsAtRisk(
    @Root() d: DisruptionData,
    @Arg('scenario', () => String, { nullable: true, description: 'An InboundFlightImpact scenario of this flight; none: the schedule as is.' })
    scenario: string | undefined,
    @Arg('mctMinutes', () => Int, { nullable: true, description: `Minimum connecting time (default ${DEFAULT_MCT_MINUTES}).` })
    mctMinutes: number | undefined,
  ): Promise<ConnectionsAtRisk> {
    return connectionsAtRisk(d, scenario, bounded('mctMinutes', mctMinutes, DEFAULT_MCT_MINUTES, 0, 24 * 60));
  }

  // 5. Crew legality under delay -------------------------------------------------------------------

  @FieldResolver(() => CrewLegality)
  crewLegality(
    @Root() d: DisruptionData,
    @Arg('delayMinutes', () => Int, { description: `The delay of the flight, from 0 to ${MAX_DELAY_MINUTES} minutes.` }) delayMinutes: number,
    @Arg('maxFdpMinutes', () => Int, { nullable: true, description: `Maximum flight duty period (default ${DEFAULT_MAX_FDP_MINUTES}).` })
    maxFdpMinutes: number | undefined,
  ): Promise<CrewLegality> {
    const delay = bounded('delayMinutes', delayMinutes, 0, 0, MAX_DELAY_MINUTES);
    const maxFdp = bounded('maxFdpMinutes', maxFdpMinutes, DEFAULT_MAX_FDP_MINUTES, 60, 24 * 60);
    return crewLegality(d, delay, maxFdp);
  }

  // 6. Scenario comparison -------------------------------------------------------------------------

  @FieldResolver(() => [ScenarioComparison])
  scenarios(
    @Root() d: DisruptionData,
    @Arg('mctMinutes', () => Int, { nullable: true }) mctMinutes: number | undefined,
    @Arg('maxFdpMinutes', () => Int, { nullable: true }) maxFdpMinutes: number | undefined,
  ): Promise<ScenarioComparison[]> {
    const mct = bounded('mctMinutes', mctMinutes, DEFAULT_MCT_MINUTES, 0, 24 * 60);
    const maxFdp = bounded('maxFdpMinutes', maxFdpMinutes, DEFAULT_MAX_FDP_MINUTES, 60, 24 * 60);
    return scenarioComparison(d, mct, maxFdp);
  }

  // 9-12, 15. Passenger and cargo views ------------------------------------------------------------

  @FieldResolver(() => CareLogistics)
  async care(@Root() d: DisruptionData): Promise<CareLogistics> {
    return careLogistics(join(await d.disrupted(), await d.passengers()));
  }

  @FieldResolver(() => [WatchlistEntry])
  async watchlist(@Root() d: DisruptionData): Promise<WatchlistEntry[]> {
    return watchlist(join(await d.disrupted(), await d.passengers()));
  }

  @FieldResolver(() => CargoReprotection)
  cargo(@Root() d: DisruptionData): Promise<CargoReprotection> {
    return cargoReprotection(d);
  }

  @FieldResolver(() => BagsToMove, { description: 'Bags of the disrupted passengers.' })
  async bags(@Root() d: DisruptionData): Promise<BagsToMove> {
    return bagsToMove(await d.bags(), await d.disrupted());
  }

  @FieldResolver(() => RecoveryProgress)
  async progress(@Root() d: DisruptionData): Promise<RecoveryProgress> {
    return recoveryProgress(join(await d.disrupted(), await d.passengers()));
  }
}
