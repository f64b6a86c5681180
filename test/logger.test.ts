import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LOG_STRING, REDACTED } from '../src/observability/logger.js';

/** A logger writing into an array of parsed lines. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe('log lines', () => {
  it('never carry a secret, at the top or nested, whatever its case', () => {
    const { logger, lines } = capture();
    const secrets = ['Bearer tok-1', 'admin-tok-2', 'aws-secret-3', 'cursor-secret-4', 'Bearer tok-5', 'session-6'];
    logger.info(
      {
        authorization: secrets[0],
        config: { adminToken: secrets[1], nested: { aws: { secretAccessKey: secrets[2] } } },
        cursorSecret: secrets[3],
        request: { headers: { Authorization: secrets[4], host: 'example' } },
        list: [{ sessionToken: secrets[5] }],
      },
      'with secrets',
    );
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    const line = lines[0]!;
    expect(line.authorization).toBe(REDACTED);
    expect((line.request as { headers: Record<string, unknown> }).headers).toEqual({ Authorization: REDACTED, host: 'example' });
    expect((line.config as { nested: { aws: Record<string, unknown> } }).nested.aws.secretAccessKey).toBe(REDACTED);
  });

  it('redact a secret an error carries, and keep the error as an error', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('call failed'), { authorization: 'Bearer leaked' });
    logger.error({ err: error }, 'failed');
    const err = lines[0]!.err as Record<string, unknown>;
    expect(err.message).toBe('call failed');
    expect(err.type).toBe('Error');
    expect(err.stack).toContain('call failed');
    expect(err.authorization).toBe(REDACTED);
    expect(error.authorization).toBe('Bearer leaked');
  });

  it('truncate long strings, and leave the caller’s objects as they were', () => {
    const { logger, lines } = capture();
    const payload = { operation: 'x'.repeat(MAX_LOG_STRING * 2), headers: { authorization: 'Bearer t' } };
    logger.info(payload, 'long');
    const operation = lines[0]!.operation as string;
    expect(operation).toHaveLength(MAX_LOG_STRING);
    expect(operation.endsWith('…')).toBe(true);
    expect(payload.operation).toHaveLength(MAX_LOG_STRING * 2);
    expect(payload.headers.authorization).toBe('Bearer t');
  });
});
