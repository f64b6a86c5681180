import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import { aircraftReturn } from '../../desk/aircraft-return.js';
import { dispatchRisks } from '../../desk/dispatch-risk.js';
import type { CrewNode } from '../../desk/nodes.js';
import { standbyCrew } from '../../desk/standby-crew.js';
import { weatherWatch } from '../../desk/weather-watch.js';
import { DEFAULT_WEATHER_THRESHOLDS } from '../../desk/weather-risk.js';
import type { GatewayContext } from '../context.js';
import { AircraftReturn } from '../desk/aircraft-return.types.js';
import { DispatchRisk } from '../desk/dispatch-risk.types.js';
import { WeatherWatchAirport } from '../desk/weather-watch.types.js';
import { CrewMemberType } from '../entity-types.js';
import { badInput } from '../../../db/gateway-error.js';
import { DateTime } from '../scalars.js';
import { boundedWindow, DEFAULT_WINDOW_HOURS, MAX_WINDOW_HOURS } from '../ranges.js';
import { validAirport, validId } from '../validate.js';

@Resolver()
export class DeskResolver {
  @Query(() => AircraftReturn, {
    nullable: true,
    description: 'When is a grounded aircraft back: its AOG window, open work orders and the staff on them.',
  })
  aircraftReturn(@Arg('registration', () => ID) registration: string, @Ctx() ctx: GatewayContext): Promise<AircraftReturn | null> {
    return aircraftReturn(ctx.reader, validId(registration, 'registration'));
  }

  @Query(() => [DispatchRisk], {
    description: `Flights with an active MEL item departing in [from, to], against the weather at both ends. Highest risk first. The window is at most ${MAX_WINDOW_HOURS} h; an end left out is ${DEFAULT_WINDOW_HOURS} h from the other, and with neither it starts now.`,
  })
  dispatchRisks(
    @Arg('from', () => DateTime, { nullable: true, description: `Start of the window (default: \`to\` - ${DEFAULT_WINDOW_HOURS} h, or now).` })
    from: string | undefined,
    @Arg('to', () => DateTime, {
      nullable: true,
      description: `End of the window (default: \`from\` + ${DEFAULT_WINDOW_HOURS} h); at most ${MAX_WINDOW_HOURS} h after \`from\`.`,
    })
    to: string | undefined,
    @Arg('minVisibilityKm', () => Float, {
      nullable: true,
      description: `Below this visibility is a risk (default ${DEFAULT_WEATHER_THRESHOLDS.minVisibilityKm}).`,
    })
    minVisibilityKm: number | undefined,
    @Arg('maxWindKts', () => Float, {
      nullable: true,
      description: `At or above this wind is a risk (default ${DEFAULT_WEATHER_THRESHOLDS.maxWindKts}).`,
    })
    maxWindKts: number | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<DispatchRisk[]> {
    const window = boundedWindow(from, to);
    for (const [name, value] of [
      ['minVisibilityKm', minVisibilityKm],
      ['maxWindKts', maxWindKts],
    ] as const) {
      if (value !== undefined && value !== null && (!Number.isFinite(value) || value < 0 || value > 1000))
        throw badInput(`\`${name}\` must be from 0 to 1000, got ${value}`, name);
    }
    return dispatchRisks(ctx.reader, window.from, window.to, {
      minVisibilityKm: minVisibilityKm ?? DEFAULT_WEATHER_THRESHOLDS.minVisibilityKm,
      maxWindKts: maxWindKts ?? DEFAULT_WEATHER_THRESHOLDS.maxWindKts,
    });
  }

  @Query(() => [CrewMemberType], {
    description: `Crew at a base, qualified on a type, with no duty overlapping [from, to) (a window of at most ${MAX_WINDOW_HOURS} h).`,
  })
  standbyCrew(
    @Arg('base', () => String) base: string,
    @Arg('aircraftType', () => String) aircraftType: string,
    @Arg('from', () => DateTime) from: string,
    @Arg('to', () => DateTime, { description: `At most ${MAX_WINDOW_HOURS} h after \`from\`.` }) to: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<CrewNode[]> {
    boundedWindow(from, to);
    return standbyCrew(ctx.reader, validAirport(base, 'base'), validId(aircraftType, 'aircraftType'), from, to);
  }

  @Query(() => [WeatherWatchAirport], {
    description: 'Airports whose forecasts in [from, from + hours] carry an operational impact, with the flights touching them.',
  })
  weatherWatch(
    @Arg('from', () => DateTime) from: string,
    @Arg('hours', () => Int, { description: `From 1 to ${MAX_WINDOW_HOURS}.` }) hours: number,
    @Ctx() ctx: GatewayContext,
  ): Promise<WeatherWatchAirport[]> {
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_WINDOW_HOURS)
      throw badInput(`\`hours\` must be an integer from 1 to ${MAX_WINDOW_HOURS}, got ${hours}`, 'hours');
    return weatherWatch(ctx.reader, from, hours);
  }
}
