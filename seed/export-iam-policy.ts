import { SENT_COMMANDS, type CommandRole, type DeclaredCommand } from '../db/commands.js';

export interface IamPolicyOptions {
  readonly tableName: string;
  /** `*` for any region. */
  readonly region?: string;
  /** `*` for any account. */
  readonly accountId?: string;
  /** Partition: `aws`, `aws-cn`, `aws-us-gov`. */
  readonly partition?: string;
  /** Both statements (default), or one role's. */
  readonly statement?: 'all' | 'gateway' | 'seed';
}

export const STATEMENT_IDS: Record<Exclude<CommandRole, 'local'>, string> = { gateway: 'GatewayServe', seed: 'SeedAdmin' };

/** The IAM actions of one role's commands (declared in db/commands.ts), sorted. */
export function actionsOf(role: CommandRole): string[] {
  const commands = Object.values(SENT_COMMANDS as Record<string, DeclaredCommand>).filter((c) => c.role === role);
  return [...new Set(commands.flatMap((c) => c.actions))].sort();
}

/**
 * The least-privilege IAM policy of the gateway, generated from the one list of the
 * operations the code sends (db/commands.ts): statement `GatewayServe` for the serving
 * instances (reads of the table and its indexes, and the DescribeTable of the start-up
 * check); statement `SeedAdmin` for the role that seeds (the CLI, or a gateway serving the
 * admin `seed` mutation), with what only the seed needs: that role gets both statements.
 */
export function iamPolicy(options: IamPolicyOptions): Record<string, unknown> {
  const arn = `arn:${options.partition ?? 'aws'}:dynamodb:${options.region ?? '*'}:${options.accountId ?? '*'}:table/${options.tableName}`;
  const gateway = actionsOf('gateway');
  const statements = (['gateway', 'seed'] as const)
    .filter((role) => (options.statement ?? 'all') === 'all' || options.statement === role)
    .map((role) => {
      const actions = role === 'seed' ? actionsOf('seed').filter((a) => !gateway.includes(a)) : gateway;
      const commands = Object.values(SENT_COMMANDS as Record<string, DeclaredCommand>).filter((c) => c.role === role);
      const onIndexes = commands.some((c) => c.resources === 'table-and-indexes');
      return { Sid: STATEMENT_IDS[role], Effect: 'Allow', Action: actions, Resource: onIndexes ? [arn, `${arn}/index/*`] : [arn] };
    });
  return { Version: '2012-10-17', Statement: statements };
}
