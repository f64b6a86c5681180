import { describe, expect, inject, it } from 'vitest';
import { GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDb } from '../db/client.js';

/** A loopback DynamoDB Local checks no signature: its requests skip SigV4 (db/client.ts), real DynamoDB's never do. */
describe('the client of a loopback DynamoDB Local', () => {
  it('sends a fixed Authorization header instead of a signature, and is answered', async () => {
    const db = createDb({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-1', tableName: inject('sampleTable') });
    const seen: string[] = [];
    db.client.middlewareStack.add(
      (next) => (args) => {
        seen.push(String((args.request as { headers: Record<string, string> }).headers.authorization));
        return next(args);
      },
      { step: 'deserialize', name: 'recordAuthorization' },
    );
    try {
      expect(db.client.middlewareStack.identify().join('\n')).not.toMatch(/httpSigningMiddleware/);
      await db.client.send(new ListTablesCommand({ Limit: 1 }));
      const got = await db.client.send(new GetItemCommand({ TableName: db.tableName, Key: { pk: { S: 'META' }, sk: { S: 'STATS' } } }));
      expect(got.Item).toBeDefined();
      expect(seen).toHaveLength(2);
      // The access key and the configured region, as DynamoDB Local reads them; no signature.
      for (const header of seen)
        expect(header).toBe('AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0');
    } finally {
      db.destroy();
    }
  });

  it('signs every request to any other endpoint', () => {
    const db = createDb({ endpoint: 'https://dynamodb.eu-west-1.amazonaws.com', region: 'eu-west-1', tableName: 'AirlineOps' });
    const aws = createDb({ region: 'eu-west-1', tableName: 'AirlineOps' });
    try {
      expect(db.client.middlewareStack.identify().join('\n')).toMatch(/httpSigningMiddleware/);
      expect(aws.client.middlewareStack.identify().join('\n')).toMatch(/httpSigningMiddleware/);
    } finally {
      db.destroy();
      aws.destroy();
    }
  });
});
