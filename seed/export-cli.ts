#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDbConfig } from '../db/config.js';
import { cloudFormationTemplate } from './export-cloudformation.js';
import { iamPolicy } from './export-iam-policy.js';

const USAGE = `Usage: npm run export:cloudformation -- [--out FILE] [--table-name NAME]
       npm run export:iam-policy -- [--out FILE] [--table-name NAME] [--region R] [--account-id ID] [--statement all|gateway|seed]

export:cloudformation  an AWS::DynamoDB::Table CloudFormation template (JSON) of the table, from the
                       entity definitions (the parameter TableName defaults to --table-name, or TABLE_NAME)
export:iam-policy      the IAM policy of the DynamoDB actions the code sends, on table/NAME and
                       table/NAME/index/*: statement GatewayServe (the serving instances) and SeedAdmin
                       (what only the seed and the admin seed mutation need; that role gets both)

  --out FILE           write to FILE instead of stdout
  --table-name NAME    the table (default TABLE_NAME, or AirlineOps)
  --region R           region of the ARNs (default *: any)
  --account-id ID      account of the ARNs (default *: any)
  --statement S        all (default), gateway or seed: one role's statement only
  --help               this text`;

function main(argv: string[]): number {
  const [what, ...rest] = argv;
  let args;
  try {
    args = parseArgs({
      args: rest,
      options: {
        out: { type: 'string' },
        'table-name': { type: 'string' },
        region: { type: 'string' },
        'account-id': { type: 'string' },
        statement: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const tableName = args['table-name'] ?? loadDbConfig().tableName;
  let document: Record<string, unknown>;
  if (what === 'cloudformation') {
    document = cloudFormationTemplate({ defaultTableName: tableName });
  } else if (what === 'iam-policy') {
    const statement = args.statement ?? 'all';
    if (statement !== 'all' && statement !== 'gateway' && statement !== 'seed') {
      console.error(`--statement must be all, gateway or seed, got ${JSON.stringify(statement)}`);
      return 2;
    }
    document = iamPolicy({ tableName, region: args.region ?? '*', accountId: args['account-id'] ?? '*', statement });
  } else {
    console.error(`export what? cloudformation or iam-policy, got ${JSON.stringify(what)}\n\n${USAGE}`);
    return 2;
  }
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (args.out) {
    writeFileSync(path.resolve(args.out), text);
    console.error(`wrote ${path.resolve(args.out)}`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
