import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { InboundFlightImpact } from '../../../entities/index.js';
import { dayWindow, daysOf } from '../../../db/days.js';
import type { GatewayContext } from '../context.js';
import { InboundFlightImpactType } from '../entity-types.js';
import { DateTime } from '../scalars.js';
import { windowOf } from '../validate.js';

@Resolver(() => InboundFlightImpactType)
export class InboundFlightImpactResolver {
  @Query(() => [InboundFlightImpactType], {
    description:
      'The what-if scenarios of the disrupted inbound flights departing in [from, to] (default: the latest day that has scenarios), by departure.',
  })
  async inboundFlightImpacts(
    @Arg('from', () => DateTime, { nullable: true, description: 'Window start (default: the start of the latest day that has scenarios).' })
    from: string | undefined | null,
    @Arg('to', () => DateTime, { nullable: true, description: 'Window end (default: the end of the latest day that has scenarios).' })
    to: string | undefined | null,
    @Ctx() ctx: GatewayContext,
  ) {
    let window = windowOf(from, to);
    if (!window) {
      // The latest scenario names the latest day: one item, the same on a table of one day as of many.
      const [latest] = await ctx.reader.latest(InboundFlightImpact, ACCESS_PATTERNS.allInboundImpacts(), 1);
      if (!latest?.flightDepartureTime) return [];
      window = dayWindow(latest.flightDepartureTime.slice(0, 10));
    }
    // At most MAX_WINDOW_DAYS, as every list that follows history (BAD_USER_INPUT beyond).
    daysOf(window.from, window.to);
    return ctx.reader.query(InboundFlightImpact, ACCESS_PATTERNS.allInboundImpacts(window.from, window.to));
  }
}
