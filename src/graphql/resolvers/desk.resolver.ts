import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import { aircraftReturn, dispatchRisks, standbyCrew, weatherWatch } from '../../desk/operations.js';
import { DEFAULT_WEATHER_THRESHOLDS } from '../../desk/weather-risk.js';
import type { GatewayContext } from '../context.js';
import { AircraftReturn, DispatchRisk, RiskLevel, WeatherWatchAirport } from '../desk/types.js';
import { CrewMemberType } from '../entity-types.js';
import { badInput } from '../errors.js';
import { DateTime } from '../scalars.js';
import { validAirport, validId, validRange } from '../validate.js';

@Resolver()
export class DeskResolver {
  @Query(() => AircraftReturn, { nullable: true, description: 'When is a grounded aircraft back: its AOG window, open work orders and the staff on them.' })
  async aircraftReturn(@Arg('registration', () => ID) registration: string, @Ctx() ctx: GatewayContext): Promise<AircraftReturn | null> {
    const result = await aircraftReturn(ctx.reader, validId(registration, 'registration'));
    if (!result) return null;
    return {
      registration: result.facts.aircraft.registration,
      aircraft: result.facts.aircraft,
      groundingWindow: result.groundingWindow,
      estimatedReturnToService: result.estimatedReturnToService,
      openWorkOrders: result.openWorkOrders.map((o) => ({ workOrder: o.workOrder, staff: o.shifts.map((s) => ({ shift: s.shift, staff: s.staff })) })),
    };
  }

  @Query(() => [DispatchRisk], { description: 'Flights with an active MEL item departing in [from, to], against the weather at both ends. Highest risk first.' })
  async dispatchRisks(
    @Arg('from', () => DateTime, { nullable: true }) from: string | undefined,
    @Arg('to', () => DateTime, { nullable: true }) to: string | undefined,
    @Arg('minVisibilityKm', () => Float, { nullable: true, description: `Below this visibility is a risk (default ${DEFAULT_WEATHER_THRESHOLDS.minVisibilityKm}).` })
    minVisibilityKm: number | undefined,
    @Arg('maxWindKts', () => Float, { nullable: true, description: `At or above this wind is a risk (default ${DEFAULT_WEATHER_THRESHOLDS.maxWindKts}).` })
    maxWindKts: number | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<DispatchRisk[]> {
    validRange(from, to);
    for (const [name, value] of [['minVisibilityKm', minVisibilityKm], ['maxWindKts', maxWindKts]] as const) {
      if (value !== undefined && value !== null && (!Number.isFinite(value) || value < 0 || value > 1000)) throw badInput(`\`${name}\` must be from 0 to 1000, got ${value}`, name);
    }
    const risks = await dispatchRisks(ctx.reader, from ?? '0000', to ?? '9999', {
      minVisibilityKm: minVisibilityKm ?? DEFAULT_WEATHER_THRESHOLDS.minVisibilityKm,
      maxWindKts: maxWindKts ?? DEFAULT_WEATHER_THRESHOLDS.maxWindKts,
    });
    return risks.map((r) => ({ ...r, risk: r.risk as RiskLevel }));
  }

  @Query(() => [CrewMemberType], { description: 'Crew at a base, qualified on a type, with no duty overlapping [from, to).' })
  standbyCrew(
    @Arg('base', () => String) base: string,
    @Arg('aircraftType', () => String) aircraftType: string,
    @Arg('from', () => DateTime) from: string,
    @Arg('to', () => DateTime) to: string,
    @Ctx() ctx: GatewayContext,
  ) {
    validRange(from, to);
    return standbyCrew(ctx.reader, validAirport(base, 'base'), validId(aircraftType, 'aircraftType'), from, to).then((list) => list.map((s) => s.crew));
  }

  @Query(() => [WeatherWatchAirport], { description: 'Airports whose forecasts in [from, from + hours] carry an operational impact, with the flights touching them.' })
  weatherWatch(@Arg('from', () => DateTime) from: string, @Arg('hours', () => Int) hours: number, @Ctx() ctx: GatewayContext) {
    if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw badInput(`\`hours\` must be an integer from 1 to 72, got ${hours}`, 'hours');
    return weatherWatch(ctx.reader, from, hours);
  }
}
