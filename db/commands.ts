import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';

/**
 * Who needs a command on AWS:
 * - `gateway`: the serving instances (reads, and the DescribeTable of the start-up check);
 * - `seed`: the seed and admin role only (the CLI, or a gateway that serves the admin `seed` mutation);
 * - `local`: sent only to a DynamoDB Local of this project (the embedded database's probes, tests and
 *   benchmarks dropping their scratch tables): never in the IAM policy.
 */
export type CommandRole = 'gateway' | 'seed' | 'local';

/** One DynamoDB operation the code sends: the IAM actions it needs, on which resources, and why it is sent. */
export interface DeclaredCommand {
  readonly role: CommandRole;
  /**
   * The IAM actions a call needs. A transaction has no action of its own: each of its parts is
   * authorised as the single-item operation it is (Put as PutItem, ConditionCheck as
   * ConditionCheckItem, ...): list those its callers use (see TRANSACTION_PART_ACTIONS).
   */
  readonly actions: readonly string[];
  /** `table` (table/T), `table-and-indexes` (also table/T/index/*, for operations that read an index), `account` (no table). */
  readonly resources: 'table' | 'table-and-indexes' | 'account';
  readonly why: string;
}

/**
 * Every DynamoDB operation the code sends, keyed by operation name (the SDK command's name
 * without `Command`: lib-dynamodb's GetCommand is GetItem). The one list the IAM policy
 * (`npm run export:iam-policy`) is generated from: a new command needs adding here, and only
 * here. test/iam-policy.test.ts fails when the code sends (or names) an operation missing from
 * this list, or when an operation listed here is no longer in the code.
 */
export const SENT_COMMANDS = {
  GetItem: {
    role: 'gateway',
    actions: ['dynamodb:GetItem'],
    resources: 'table',
    why: 'items by key, the stats item (tableStats, readiness), the seed lock',
  },
  BatchGetItem: { role: 'gateway', actions: ['dynamodb:BatchGetItem'], resources: 'table', why: 'the DataLoaders: items by key, 100 at a time' },
  Query: { role: 'gateway', actions: ['dynamodb:Query'], resources: 'table-and-indexes', why: 'every list: item collections and the GSIs' },
  Scan: {
    role: 'gateway',
    actions: ['dynamodb:Scan'],
    resources: 'table',
    why: 'start-up: whether an unseeded table is empty (Limit 1); the seed: --reset and its recount',
  },
  DescribeTable: {
    role: 'gateway',
    actions: ['dynamodb:DescribeTable'],
    resources: 'table',
    why: 'start-up and seed: the table exists, its key schema, ACTIVE',
  },
  TransactWriteItems: {
    role: 'gateway',
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
    resources: 'table',
    why: "the API's actions on a disruption (db/transact.ts): Put and Update parts, all or nothing",
  },
  PutItem: { role: 'seed', actions: ['dynamodb:PutItem'], resources: 'table', why: 'the seed lock (conditional) and the stats item' },
  UpdateItem: { role: 'seed', actions: ['dynamodb:UpdateItem'], resources: 'table', why: "the seed lock's lease renewal (conditional)" },
  DeleteItem: { role: 'seed', actions: ['dynamodb:DeleteItem'], resources: 'table', why: 'releasing the seed lock (conditional)' },
  BatchWriteItem: {
    role: 'seed',
    actions: ['dynamodb:BatchWriteItem'],
    resources: 'table',
    why: 'the seed: 25 puts (or, for --reset, deletes) a call',
  },
  CreateTable: { role: 'seed', actions: ['dynamodb:CreateTable'], resources: 'table', why: 'provisioning a missing table (with its GSIs)' },
  UpdateTable: { role: 'seed', actions: ['dynamodb:UpdateTable'], resources: 'table', why: 'provisioning: adding a GSI an existing table lacks' },
  UpdateContinuousBackups: {
    role: 'seed',
    actions: ['dynamodb:UpdateContinuousBackups'],
    resources: 'table',
    why: 'POINT_IN_TIME_RECOVERY=true when provisioning',
  },
  ListTables: {
    role: 'local',
    actions: [],
    resources: 'account',
    why: "probes of the embedded DynamoDB Local (is it up; is another process's one alive)",
  },
  DeleteTable: { role: 'local', actions: [], resources: 'table', why: 'tests and benchmarks dropping their scratch tables on DynamoDB Local' },
} as const satisfies Record<string, DeclaredCommand>;

export type SentOperation = keyof typeof SENT_COMMANDS;

/** The IAM action of each part of a transaction (AWS: "Using IAM with DynamoDB transactions"). */
export const TRANSACTION_PART_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

export function declaredCommand(operation: string): DeclaredCommand | undefined {
  return Object.hasOwn(SENT_COMMANDS, operation) ? (SENT_COMMANDS as Record<string, DeclaredCommand>)[operation] : undefined;
}

/**
 * What one call needs, by the name it is recorded under: the operation, and for a
 * transaction also `Operation.Part` for each kind of part it carries
 * (`TransactWriteItems.ConditionCheck`), since each part is authorised on its own.
 */
export function recordedNames(operation: string, input: unknown): string[] {
  const names = [operation];
  const items = (input as { TransactItems?: unknown } | undefined)?.TransactItems;
  if (Array.isArray(items)) {
    for (const item of items as Array<Record<string, unknown>>) for (const part of Object.keys(item)) names.push(`${operation}.${part}`);
  }
  return [...new Set(names)];
}

/**
 * Why a recorded name is not covered by SENT_COMMANDS, or undefined when it is:
 * an operation missing from the list, or a transaction part whose action its entry lacks.
 */
export function undeclaredReason(name: string): string | undefined {
  const [operation, part] = name.split('.') as [string, string | undefined];
  const declared = declaredCommand(operation);
  if (!declared) return `${operation} is sent but not declared in db/commands.ts SENT_COMMANDS (so it is not in the IAM policy)`;
  if (part === undefined) return undefined;
  const action = TRANSACTION_PART_ACTIONS[part];
  if (!action) return `${name}: unknown transaction part ${part}`;
  return declared.actions.includes(action) ? undefined : `${name} needs ${action}, which SENT_COMMANDS.${operation}.actions lacks`;
}

/** The environment variable naming a directory where every client records the operations it sends (the tests set it). */
export const COMMAND_LOG_ENV = 'DYNAMODB_COMMAND_LOG_DIR';

const recorded = new Set<string>();

/**
 * Records, once per process (or worker thread) and name, every operation the client sends into
 * `<dir>/<pid>-<thread>.log`, one name a line: what a test run really sent, compared with
 * SENT_COMMANDS (and so with the IAM policy) by the tests. Installed by createDb only when
 * DYNAMODB_COMMAND_LOG_DIR is set; it costs a Set lookup a call.
 */
export function recordSentCommands(client: DynamoDBClient, dir: string): void {
  const file = path.join(dir, `${process.pid}-${threadId}.log`);
  const record: InitializeMiddleware<object, MetadataBearer> = (next, context) => (args) => {
    const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
    for (const name of recordedNames(operation, args.input)) {
      if (recorded.has(name)) continue;
      recorded.add(name);
      try {
        mkdirSync(dir, { recursive: true });
        appendFileSync(file, `${name}\n`);
      } catch {
        // a log that cannot be written only loses the record, never the call
      }
    }
    return next(args);
  };
  client.middlewareStack.add(record, { step: 'initialize', name: 'recordSentCommands', override: true });
}
