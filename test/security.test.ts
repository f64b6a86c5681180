import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/logger.js';
import { startGateway } from '../src/server.js';
import { sampleRows } from './csv-oracle.js';
import { testGateway, type TestGateway } from './gateway.js';
import { sampleDb, SAMPLE_DIR, logSink } from './helpers.js';

/*
 * Authentication and authorization against a real server: an identity provider's
 * key set served on loopback, tokens signed by it (and by others), and a
 * gateway configured with its issuer and audience.
 */
const ISSUER = 'https://idp.test.example/realms/airline';
const AUDIENCE = 'disruption-gateway';
const passenger = sampleRows('passengers.csv')[0]!;
const PAX = passenger.passenger_id!;
const PAX_QUERY = `{ passenger(passengerId: "${PAX}") { passengerId passengerCategory flightId firstName lastName pnr attributes } }`;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

describe('who may read what', () => {
  const db = sampleDb();
  let keys: KeyPair;
  let otherKeys: KeyPair;
  let jwks: http.Server;
  let jwksUrl: string;
  let api: TestGateway;
  let production: TestGateway;
  const { lines, sink } = logSink();

  /** A token signed with the issuer's key (or `key`), valid for an hour unless the claims say otherwise. */
  async function token(claims: Record<string, unknown>, options: { key?: KeyPair; alg?: string; kid?: string } = {}) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'key-1' })
      .sign((options.key ?? keys).privateKey);
  }
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    otherKeys = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
    const auth = { jwksUrl, issuer: ISSUER, audience: AUDIENCE };
    api = await testGateway(db, { auth, logger: createLogger('info', sink) });
    production = await testGateway(db, { auth: { ...auth, rolesClaim: 'realm_access.roles' }, production: true });
  });
  afterAll(async () => {
    await api.stop();
    await production.stop();
    jwks.close();
    db.destroy();
  });

  describe('authentication: every bad token is UNAUTHENTICATED (401)', () => {
    const cases: Array<[string, () => Promise<Record<string, string>>]> = [
      ['no token', async () => ({})],
      ['not a bearer header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
      ['not a JWT', async () => bearer('not-a-jwt')],
      ['expired', async () => bearer(await token({ roles: ['agent'], exp: Math.floor(Date.now() / 1000) - 600 }))],
      ['not yet valid', async () => bearer(await token({ roles: ['agent'], nbf: Math.floor(Date.now() / 1000) + 600 }))],
      ['wrong issuer', async () => bearer(await token({ roles: ['agent'], iss: 'https://evil.example' }))],
      ['wrong audience', async () => bearer(await token({ roles: ['agent'], aud: 'another-api' }))],
      ['signed by another key', async () => bearer(await token({ roles: ['agent'] }, { key: otherKeys }))],
      [
        'alg none',
        async () => {
          const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const now = Math.floor(Date.now() / 1000);
          return bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now + 600, roles: ['admin'] })}.`);
        },
      ],
      [
        'HMAC-signed (HS256)',
        async () => {
          const now = Math.floor(Date.now() / 1000);
          const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
          return bearer(
            await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now + 600, roles: ['admin'] })
              .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
              .sign(secret),
          );
        },
      ],
    ];
    for (const [name, headers] of cases) {
      it(name, async () => {
        const r = await api.gql(PAX_QUERY, {}, await headers());
        expect(r.status).toBe(401);
        expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(r.data ?? null).toBeNull();
        expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.js|stack/i);
      });
    }

    it('a valid token without any of the roles is FORBIDDEN (403)', async () => {
      const r = await api.gql(PAX_QUERY, {}, bearer(await token({ roles: ['pilot'] })));
      expect(r.status).toBe(403);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('authorization by role', () => {
    it("a viewer reads operations but not a passenger's name: FORBIDDEN at the field, the rest intact", async () => {
      const r = await api.gql(PAX_QUERY, {}, bearer(await token({ roles: ['viewer'] })));
      expect(r.status).toBe(200);
      expect(r.data!.passenger).toMatchObject({
        passengerId: PAX,
        passengerCategory: passenger.passenger_category,
        flightId: passenger.flight_id,
        firstName: null,
        lastName: null,
        pnr: null,
      });
      const forbidden = r.errors!.filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.join('.'));
      expect(forbidden.sort()).toEqual(['passenger.firstName', 'passenger.lastName', 'passenger.pnr']);
      // the raw row holds only the declared operational columns
      const attributes = r.data!.passenger.attributes as Record<string, unknown>;
      expect(attributes.passenger_id).toBe(PAX);
      for (const column of ['first_name', 'last_name', 'pnr', 'traveler_id', 'nationality', 'seat_number', 'loyalty_tier'])
        expect(attributes, column).not.toHaveProperty(column);
    });

    it('a viewer gets the desk aggregates, but not SSR codes', async () => {
      const flightId = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;
      const r = await api.gql(
        `{ disruption(flightId: "${flightId}") { passengerCounts { total } scenarios { scenario misconnectingPassengers } watchlist { category seatNumber } reaccommodation(first: 1) { nodes { rank reasons disruption { ssrCodes } } } } }`,
        {},
        bearer(await token({ roles: 'viewer' })),
      );
      expect(r.data!.disruption.passengerCounts.total).toBeGreaterThan(0);
      expect(r.data!.disruption.scenarios.length).toBeGreaterThan(0);
      expect(r.data!.disruption.watchlist[0]).toMatchObject({ seatNumber: null });
      expect(r.data!.disruption.reaccommodation.nodes[0]).toMatchObject({ rank: 1, reasons: null, disruption: { ssrCodes: null } });
      expect(r.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    });

    it('an agent reads personal data; roles may be a space-separated string', async () => {
      for (const roles of [['agent'], 'viewer agent', ['duty_manager']]) {
        const r = await api.gql(PAX_QUERY, {}, bearer(await token({ roles })));
        expect(r.errors, JSON.stringify(roles)).toBeUndefined();
        expect(r.data!.passenger).toMatchObject({ firstName: passenger.first_name, lastName: passenger.last_name, pnr: passenger.pnr });
        expect((r.data!.passenger.attributes as Record<string, unknown>).first_name).toBe(passenger.first_name);
      }
    });

    it('seed needs the admin role', async () => {
      const SEED = 'mutation { seed(input: { dryRun: true }) { ok dryRun } }';
      const agent = await api.gql(SEED, {}, bearer(await token({ roles: ['agent', 'duty_manager'] })));
      expect(agent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const admin = await api.gql(SEED, {}, bearer(await token({ roles: ['admin'] })));
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.seed).toMatchObject({ ok: true, dryRun: true });
    });

    it('the request log names the caller by sub, never the token', async () => {
      const t = await token({ sub: 'agent-42', roles: ['agent'] });
      lines.length = 0;
      await api.gql(PAX_QUERY, {}, bearer(t));
      const line = lines.find((l) => l.msg === 'graphql request');
      expect(line).toMatchObject({ caller: 'agent-42', role: 'agent' });
      expect(JSON.stringify(lines)).not.toContain(t);
    });
  });

  describe('in production', () => {
    it('reads roles from a nested claim (realm_access.roles), and honours X-DynamoDB-Stats only for admins', async () => {
      const agent = await production.gql(PAX_QUERY, {}, { ...bearer(await token({ realm_access: { roles: ['agent'] } })), 'x-dynamodb-stats': '1' });
      expect(agent.errors).toBeUndefined();
      expect(agent.data!.passenger.firstName).toBe(passenger.first_name);
      expect(agent.extensions?.dynamodb).toBeUndefined();
      const admin = await production.gql(PAX_QUERY, {}, { ...bearer(await token({ realm_access: { roles: ['admin'] } })), 'x-dynamodb-stats': '1' });
      expect(admin.extensions?.dynamodb?.totalCalls).toBeGreaterThan(0);
    });

    it('turns introspection off by default', async () => {
      const r = await production.gql('{ __schema { queryType { name } } }', {}, bearer(await token({ realm_access: { roles: ['viewer'] } })));
      expect(r.errors?.[0]?.message).toMatch(/introspection/i);
    });

    it('refuses to start without an issuer unless AUTH_DISABLED=true, and without auth off loopback', async () => {
      const silent = createLogger('silent');
      await expect(startGateway({ db, seedDataDir: SAMPLE_DIR, logger: silent, production: true }, 0)).rejects.toThrow(/AUTH_JWKS_URL/);
      await expect(startGateway({ db, seedDataDir: SAMPLE_DIR, logger: silent, auth: { jwksUrl } }, 0)).rejects.toThrow(
        /AUTH_ISSUER and AUTH_AUDIENCE/,
      );
      await expect(startGateway({ db, seedDataDir: SAMPLE_DIR, logger: silent }, 0, '0.0.0.0')).rejects.toThrow(/127\.0\.0\.1 only/);
      const open = await startGateway({ db, seedDataDir: SAMPLE_DIR, logger: silent, production: true, auth: { disabled: true } }, 0);
      await open.stop();
    });
  });
});
