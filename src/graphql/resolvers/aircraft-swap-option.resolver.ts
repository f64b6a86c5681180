import { Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { AircraftSwapOptions } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { AircraftSwapOptionType } from '../entity-types.js';

@Resolver(() => AircraftSwapOptionType)
export class AircraftSwapOptionResolver {
  @Query(() => [AircraftSwapOptionType], { description: 'Every aircraft that could take over the disrupted flight.' })
  async aircraftSwapOptions(@Ctx() ctx: GatewayContext) {
    const condition = ACCESS_PATTERNS.allSwapOptions();
    return (await ctx.reader.list(AircraftSwapOptions, 'swap-options', { conditions: [condition] }, { first: 100 })).nodes;
  }
}
