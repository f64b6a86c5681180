import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';

@ObjectType({ description: 'Items of one entity in the table.' })
class EntityStat {
  @Field({ description: 'The entity name of the contract, e.g. Passengers.' }) entity!: string;
  @Field(() => Int) count!: number;
}

@Resolver()
export class StatsResolver {
  @Query(() => [EntityStat], { description: 'Item counts of all 16 entities (kept by the seed: one GetItem, no Scan).' })
  tableStats(@Ctx() ctx: GatewayContext) {
    return ctx.reader.tableStats();
  }
}
