import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DescribeTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudFormationTemplate, TABLE_RESOURCE } from '../seed/export-cloudformation.js';
import { provisionedDb, REPO_ROOT } from './helpers.js';

const run = promisify(execFile);

interface TemplateTable {
  Type: string;
  DeletionPolicy: string;
  Properties: {
    TableName: unknown;
    BillingMode: string;
    AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
    KeySchema: Array<{ AttributeName: string; KeyType: string }>;
    GlobalSecondaryIndexes: Array<{
      IndexName: string;
      KeySchema: Array<{ AttributeName: string; KeyType: string }>;
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
    }>;
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean };
    DeletionProtectionEnabled: boolean;
    StreamSpecification?: { StreamViewType: string };
  };
}

const tableOf = (template: Record<string, any>) => template.Resources[TABLE_RESOURCE] as TemplateTable;
const byName = <T extends { AttributeName?: string | undefined }>(list: readonly T[]) =>
  [...list].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));

describe('the CloudFormation template (npm run export:cloudformation)', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  let described: TableDescription;
  beforeAll(async () => {
    db = await provisionedDb('cfn');
    described = (await db.client.send(new DescribeTableCommand({ TableName: db.tableName }))).Table!;
  });
  afterAll(async () => db.drop());

  it('is an AWS::DynamoDB::Table with the table name as a parameter, on demand, PITR, deletion protection, retained', () => {
    const template = cloudFormationTemplate();
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect((template.Parameters as Record<string, any>).TableName).toMatchObject({ Type: 'String', Default: 'AirlineOps' });
    expect(cloudFormationTemplate({ defaultTableName: 'Ops2' }).Parameters).toMatchObject({ TableName: { Default: 'Ops2' } });
    const table = tableOf(template);
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.TableName).toEqual({ Ref: 'TableName' });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('has the key schema, attributes, every GSI with its projection, billing and stream that provisioning creates (DescribeTable)', () => {
    const p = tableOf(cloudFormationTemplate()).Properties;
    expect(p.KeySchema).toEqual(described.KeySchema);
    expect(byName(p.AttributeDefinitions)).toEqual(byName(described.AttributeDefinitions!));
    const indexes = (described.GlobalSecondaryIndexes ?? []).map((g) => ({
      IndexName: g.IndexName,
      KeySchema: g.KeySchema,
      Projection: {
        ProjectionType: g.Projection!.ProjectionType,
        ...(g.Projection!.NonKeyAttributes ? { NonKeyAttributes: g.Projection!.NonKeyAttributes } : {}),
      },
    }));
    expect(indexes.length).toBeGreaterThan(0);
    const sortByName = <T extends { IndexName?: string | undefined }>(l: T[]) =>
      [...l].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));
    expect(sortByName(p.GlobalSecondaryIndexes)).toEqual(sortByName(indexes));
    // No local indexes: the template has none either.
    expect(described.LocalSecondaryIndexes ?? []).toEqual([]);
    // Billing: DynamoDB Local reports on-demand tables with zero provisioned throughput.
    if (described.BillingModeSummary?.BillingMode) expect(p.BillingMode).toBe(described.BillingModeSummary.BillingMode);
    expect(described.ProvisionedThroughput?.ReadCapacityUnits ?? 0).toBe(0);
    // A stream exactly when provisioning creates one.
    if (described.StreamSpecification?.StreamEnabled) {
      expect(p.StreamSpecification).toEqual({ StreamViewType: described.StreamSpecification.StreamViewType });
    } else {
      expect(p.StreamSpecification).toBeUndefined();
    }
  });

  it('is written to stdout, or to --out FILE', async () => {
    const cli = path.join(REPO_ROOT, 'dist', 'seed', 'export-cli.js');
    const { stdout } = await run('node', [cli, 'cloudformation'], { env: { ...process.env, TABLE_NAME: 'OpsFromEnv' } });
    expect(JSON.parse(stdout)).toEqual(cloudFormationTemplate({ defaultTableName: 'OpsFromEnv' }));
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-'));
    try {
      const out = path.join(dir, 'table.json');
      await run('node', [cli, 'cloudformation', '--out', out]);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(cloudFormationTemplate());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
