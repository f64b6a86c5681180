import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGateway, type TestGateway } from './gateway.js';
import { sampleDb } from './helpers.js';

/**
 * The GraphQL-over-HTTP specification's audits (graphql-http) against the real
 * server: every MUST passes. SHOULDs that do not are listed in the README with the
 * reason; this test pins that list so that a change in either is noticed.
 */
const KNOWN_SHOULD_WARNINGS: string[] = [
  'SHOULD use 200 status code on document parsing failure when accepting application/json',
  'SHOULD use 200 status code on document validation failure when accepting application/json',
  'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
];

describe('GraphQL over HTTP audit', () => {
  const db = sampleDb();
  let api: TestGateway;
  let results: Array<{ id: string; name: string; status: string; reason?: string }>;
  beforeAll(async () => {
    api = await testGateway(db);
    const audits = serverAudits({ url: `http://127.0.0.1:${api.port}/graphql`, fetchFn: fetch });
    results = await Promise.all(audits.map(async (audit) => ({ id: audit.id, name: audit.name, ...(await audit.fn()) })));
  });
  afterAll(async () => {
    await api.stop();
    db.destroy();
  });

  it('passes every MUST', () => {
    const failed = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failed.map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('fails only the SHOULDs the README lists', () => {
    const warned = results.filter((r) => r.status === 'warn' || (r.status === 'error' && !r.name.startsWith('MUST'))).map((r) => r.name);
    expect(warned.sort()).toEqual([...KNOWN_SHOULD_WARNINGS].sort());
  });
});
