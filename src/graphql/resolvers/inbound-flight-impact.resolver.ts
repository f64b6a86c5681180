import { Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { InboundFlightImpact } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { InboundFlightImpactType } from '../entity-types.js';

@Resolver(() => InboundFlightImpactType)
export class InboundFlightImpactResolver {
  @Query(() => [InboundFlightImpactType], { description: 'Every what-if scenario of the disrupted inbound flight.' })
  async inboundFlightImpacts(@Ctx() ctx: GatewayContext) {
    const condition = ACCESS_PATTERNS.allInboundImpacts();
    return (await ctx.reader.list(InboundFlightImpact, 'impacts', { conditions: [condition] }, { first: 100 })).nodes;
  }
}
