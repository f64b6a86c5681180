import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SENT_COMMANDS, undeclaredReason } from '../db/commands.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import { iamPolicy } from '../seed/export-iam-policy.js';
import { sentCommandNames } from './command-log.js';
import { testGateway } from './gateway.js';
import { captureCommands, readmeExamples, REPO_ROOT, sampleDb, sampleSubset, testDb, type SentCommand } from './helpers.js';

const run = promisify(execFile);

/** The IAM action of an operation, as AWS names them (the test's own table, not the code's). */
const TRANSACTION_PARTS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};
/** lib-dynamodb's command names, by the DynamoDB operation they send. */
const LIB_DYNAMODB: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

function actionsOfCalls(calls: readonly SentCommand[]): Set<string> {
  const actions = new Set<string>();
  for (const { operation, input } of calls) {
    const parts = (input as { TransactItems?: Array<Record<string, unknown>> }).TransactItems;
    if (parts) parts.forEach((p) => Object.keys(p).forEach((k) => actions.add(TRANSACTION_PARTS[k]!)));
    else actions.add(`dynamodb:${operation}`);
  }
  return actions;
}

/** The deployable code: what runs on AWS (the tests and benchmarks do not). */
function deployableSources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'data' || e.name === 'node_modules' ? [] : walk(rel);
      return e.name.endsWith('.ts') ? [rel] : [];
    });
  return ['entities', 'db', 'seed', 'src'].flatMap(walk);
}

/** Every DynamoDB operation the code names (`new XCommand(`, or an SDK command it imports), with the files naming it. */
function operationsInCode(): { operations: Map<string, Set<string>>; transactionParts: Set<string> } {
  const operations = new Map<string, Set<string>>();
  const transactionParts = new Set<string>();
  const add = (name: string, file: string, lib: boolean) => {
    const operation = lib && LIB_DYNAMODB[name] ? LIB_DYNAMODB[name] : name;
    operations.set(operation, (operations.get(operation) ?? new Set()).add(file));
  };
  for (const file of deployableSources()) {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const libNames = new Set<string>();
    // The SDK's commands, and dynamodb-toolbox's (GetItemCommand, BatchWriteCommand, ...), which send the same operations.
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(?:@aws-sdk\/(client|lib)-dynamodb|dynamodb-(toolbox))'/g)) {
      for (const raw of m[1]!.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '');
        const command = /^(\w+)Command$/.exec(name)?.[1];
        if (!command || raw.trim().startsWith('type ')) continue;
        const lib = m[2] === 'lib' || m[3] === 'toolbox';
        if (lib) libNames.add(command);
        add(command, file, lib);
      }
    }
    for (const m of text.matchAll(/new (\w+)Command\(/g)) add(m[1]!, file, libNames.has(m[1]!) || m[1]! in LIB_DYNAMODB);
    if (/Transact(Write|Get)(Items)?Command/.test(text)) {
      for (const m of text.matchAll(/\b(Put|Update|Delete|ConditionCheck|Get):\s*\{/g)) transactionParts.add(m[1]!);
    }
  }
  return { operations, transactionParts };
}

const declared = SENT_COMMANDS as Record<string, { role: string; actions: readonly string[] }>;
const policyOf = (statement: 'all' | 'gateway' | 'seed' = 'all') =>
  iamPolicy({ tableName: 'T', region: 'eu-west-1', accountId: '123456789012', statement }) as {
    Version: string;
    Statement: Array<{ Sid: string; Effect: string; Action: string[]; Resource: string[] }>;
  };

describe('the IAM policy (npm run export:iam-policy)', () => {
  it('has two statements on table/T and table/T/index/*: the serving gateway, and what only the seed needs', () => {
    const policy = policyOf();
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['GatewayServe', 'SeedAdmin']);
    const [gateway, seedOnly] = policy.Statement as [(typeof policy.Statement)[0], (typeof policy.Statement)[0]];
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/T';
    expect(gateway.Resource).toEqual([arn, `${arn}/index/*`]);
    expect(seedOnly.Resource).toEqual([arn]);
    for (const s of policy.Statement) expect(s.Effect).toBe('Allow');
    // The serving instances read; only the seed deletes, batch-writes and changes the table.
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:CreateTable', 'dynamodb:UpdateTable']) {
      expect(gateway.Action).not.toContain(action);
      expect(seedOnly.Action).toContain(action);
    }
    for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']) expect(gateway.Action).toContain(action);
    expect(gateway.Action.filter((a) => seedOnly.Action.includes(a))).toEqual([]);
    expect(policyOf('gateway').Statement).toEqual([gateway]);
    expect(policyOf('seed').Statement).toEqual([seedOnly]);
    // Never a wildcard action, never ListTables (the embedded database's probe alone sends it).
    for (const s of policy.Statement) for (const a of s.Action) expect(a).toMatch(/^dynamodb:[A-Z][A-Za-z]+$/);
    expect(policy.Statement.flatMap((s) => s.Action)).not.toContain('dynamodb:ListTables');
  });

  it('holds exactly the actions of the operations the deployable code sends (a new command not declared fails here)', () => {
    const { operations, transactionParts } = operationsInCode();
    const undeclared = [...operations.keys()].filter((op) => !(op in declared)).map((op) => `${op} (in ${[...operations.get(op)!].join(', ')})`);
    expect(undeclared).toEqual([]);
    // Declared for AWS but no longer in the code: the policy would grant more than the code needs.
    const unused = Object.entries(declared)
      .filter(([op, c]) => c.role !== 'local' && !operations.has(op))
      .map(([op]) => op);
    expect(unused).toEqual([]);
    // The operations only a DynamoDB Local of ours receives stay out of the policy: ListTables only in the embedded database's probes.
    expect([...(operations.get('ListTables') ?? [])].sort()).toEqual(['db/connect.ts', 'db/embedded.ts']);
    // The policy's actions are those of the operations in the code: each simple operation its own action, a transaction its parts'.
    const expected = new Set<string>();
    for (const op of operations.keys()) {
      if (declared[op]?.role === 'local') continue;
      if (/^Transact/.test(op)) continue;
      expected.add(`dynamodb:${op}`);
    }
    for (const part of transactionParts) expected.add(TRANSACTION_PARTS[part]!);
    const granted = policyOf().Statement.flatMap((s) => s.Action);
    expect([...granted].sort()).toEqual([...expected].sort());
  });

  it('flags a command sent but not declared, and a transaction part whose action is missing', () => {
    expect(undeclaredReason('GetItem')).toBeUndefined();
    expect(undeclaredReason('ExecuteStatement')).toMatch(/not declared/);
    expect(undeclaredReason('TransactWriteItems.Put')).toBeUndefined();
    expect(undeclaredReason('TransactWriteItems.ConditionCheck')).toMatch(/ConditionCheckItem/);
  });

  describe('against what the code really sends on DynamoDB Local', () => {
    const scratch: string[] = [];
    afterAll(async () => {
      const db = testDb('drop');
      for (const table of scratch) await db.client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      db.destroy();
    });

    it('serving: every README query, readiness and tableStats need only the GatewayServe statement', async () => {
      const db = sampleDb();
      const sent = captureCommands(db);
      const api = await testGateway(db);
      try {
        await provisionTable(db); // what npm start does first on an existing table
        for (const query of readmeExamples()) {
          const response = await api.gql(query);
          expect(response.errors ?? []).toEqual([]);
        }
        expect((await fetch(`http://127.0.0.1:${api.port}/health/ready`)).status).toBe(200);
      } finally {
        await api.stop();
        db.destroy();
      }
      const gateway = policyOf('gateway').Statement[0]!.Action;
      const used = actionsOfCalls(sent);
      expect([...used].filter((a) => !gateway.includes(a))).toEqual([]);
      for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable']) expect(used).toContain(action);
    });

    let subset: string;
    beforeAll(() => {
      subset = sampleSubset(300);
    });
    afterAll(() => rmSync(subset, { recursive: true, force: true }));

    it('seeding (provision, a missing GSI, PITR, the lock and its renewal, --reset, the recount) needs both statements, and each seed action is used', async () => {
      const db = testDb('iam_seed');
      scratch.push(db.tableName);
      const sent = captureCommands(db);
      try {
        // A table that lacks one GSI: provisioning adds it with UpdateTable.
        await db.client.send(
          new CreateTableCommand({
            TableName: db.tableName,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [
              { AttributeName: 'pk', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: 'S' },
            ],
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
          }),
        );
        const first = await seed(db, {
          dataDir: subset,
          pointInTimeRecovery: true,
          lock: { leaseMs: 3_000, renewEveryMs: 100 },
          writer: { concurrency: 2 },
        });
        expect(first.failure).toBeUndefined();
        const second = await seed(db, { dataDir: subset, reset: true });
        expect(second.failure).toBeUndefined();
        const fresh = testDb('iam_create');
        scratch.push(fresh.tableName);
        const sentFresh = captureCommands(fresh);
        await provisionTable(fresh);
        fresh.destroy();
        sent.push(...sentFresh);
      } finally {
        db.destroy();
      }
      const policy = policyOf();
      const granted = policy.Statement.flatMap((s) => s.Action);
      const used = actionsOfCalls(sent);
      expect([...used].filter((a) => !granted.includes(a))).toEqual([]);
      // Every action of the seed's own statement is one the seed really sends (no action granted in vain).
      const seedOnly = policy.Statement[1]!.Action.filter((a) => !/TransactWrite/.test(a));
      const byTransactions = new Set(Object.entries(declared).flatMap(([op, c]) => (op.startsWith('Transact') ? c.actions : [])));
      expect(seedOnly.filter((a) => !used.has(a) && !byTransactions.has(a))).toEqual([]);
    });

    it('every operation any test of this run sent so far is declared (the global teardown checks the whole run again)', () => {
      const names = sentCommandNames(inject('commandLogDir'));
      expect(names.size).toBeGreaterThan(0);
      expect([...names].map(undeclaredReason).filter(Boolean)).toEqual([]);
    });
  });

  it('npm run export:iam-policy writes the same policy to stdout or --out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iam-'));
    try {
      const cli = path.join(REPO_ROOT, 'dist', 'seed', 'export-cli.js');
      const { stdout } = await run('node', [cli, 'iam-policy', '--table-name', 'T', '--region', 'eu-west-1', '--account-id', '123456789012']);
      expect(JSON.parse(stdout)).toEqual(policyOf());
      const out = path.join(dir, 'policy.json');
      await run('node', [
        cli,
        'iam-policy',
        '--table-name',
        'T',
        '--region',
        'eu-west-1',
        '--account-id',
        '123456789012',
        '--statement',
        'gateway',
        '--out',
        out,
      ]);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(policyOf('gateway'));
      const bad = await run('node', [cli, 'iam-policy', '--statement', 'everything']).catch((e: { code: number; stderr: string }) => e);
      expect((bad as { code: number }).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
