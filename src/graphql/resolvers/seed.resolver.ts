import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertAdmin } from '../admin-auth.js';
import type { GatewayContext } from '../context.js';

@InputType({ description: 'Options of an admin seed run.' })
class SeedInput {
  @Field({ defaultValue: false, description: 'Empty the table before loading.' })
  reset!: boolean;

  @Field({ defaultValue: false, description: 'Validate every row, write nothing.' })
  dryRun!: boolean;

  @Field({
    defaultValue: false,
    description:
      'Replace the records changed through the API (version above 0) with the export’s rows. By default they are kept, and listed in changedRecords.',
  })
  overwriteChanges!: boolean;
}

@ObjectType({ description: 'A record changed through the API that the seed found.' })
class SeedChangedRecord {
  @Field({ description: 'Entity name of the contract, e.g. DisruptedPassengers.' }) entity!: string;
  @Field() id!: string;
  @Field(() => Int) version!: number;
  @Field({ description: '`kept` (changed through the API, kept) or `replaced` (overwriteChanges).' }) outcome!: string;
}

@ObjectType({ description: 'One entity of a seed run.' })
class SeedEntityReport {
  @Field({ description: 'Entity name of the contract, e.g. Passengers.' }) entity!: string;
  @Field() file!: string;
  @Field({ description: 'loaded, missing (no file) or rejected (unreadable header).' }) status!: string;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) itemsWritten!: number;
  @Field(() => Int) rowsRejected!: number;
  @Field(() => Float) seconds!: number;
}

@ObjectType({ description: 'A row that could not be loaded (line 0: the whole file).' })
class SeedProblem {
  @Field() file!: string;
  @Field(() => Int) line!: number;
  @Field() reason!: string;
}

@ObjectType({ description: 'What a seed run did, per entity.' })
class SeedReport {
  @Field({ description: 'True when every row was loaded.' }) ok!: boolean;
  @Field() dryRun!: boolean;
  @Field() reset!: boolean;
  @Field(() => Float) seconds!: number;
  @Field(() => [SeedEntityReport]) entities!: SeedEntityReport[];
  @Field(() => [SeedProblem], { description: 'The first 1,000 problems.' }) problems!: SeedProblem[];
  @Field(() => Int) problemsOmitted!: number;
  @Field(() => [SeedChangedRecord], { description: 'Records changed through the API: kept, unless overwriteChanges replaced them.' })
  changedRecords!: SeedChangedRecord[];
  @Field(() => String, { nullable: true, description: 'Why the load stopped early; run it again to complete it.' })
  failure!: string | null;
}

@Resolver()
export class SeedResolver {
  @Mutation(() => SeedReport, {
    description:
      "Loads the server's configured data directory (the same seed as `npm run seed`). Needs the role admin (Authorization: Bearer <ADMIN_TOKEN>, or a token with the role admin).",
  })
  async seed(@Arg('input', () => SeedInput, { nullable: true }) input: SeedInput | undefined, @Ctx() ctx: GatewayContext): Promise<SeedReport> {
    assertAdmin(ctx);
    const report = await ctx.seedRunner.run({
      reset: input?.reset ?? false,
      dryRun: input?.dryRun ?? false,
      overwriteChanges: input?.overwriteChanges ?? false,
    });
    return { ...report, failure: report.failure ?? null, changedRecords: report.changedRecords ?? [] };
  }
}
