import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Longest string a log line carries in a field; longer ones are truncated (a client-sent value, say). */
export const MAX_LOG_STRING = 2_048;

/**
 * `text` cut to at most `max` characters, the last of them "…" when it was cut
 * (never splitting a surrogate pair).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Long strings in plain objects and arrays (three levels deep) are truncated, so
 * that no log line carries what a client sent at full length. Errors and other
 * class instances are left to pino's serializers. An object or array without a
 * long string is returned as it is, not copied (one log line per request).
 */
function boundStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_LOG_STRING ? truncate(value, MAX_LOG_STRING) : value;
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((v, i) => {
      const bounded = boundStrings(v, depth - 1);
      if (bounded !== v) (copy ??= [...items])[i] = bounded;
    });
    return copy ?? items;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const bounded = boundStrings(v, depth - 1);
    if (bounded !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = bounded;
  }
  return copy ?? value;
}

/**
 * Structured JSON logs (pino). Anything that can carry a secret is redacted: the
 * Authorization header, the admin token, AWS credentials. Strings over
 * MAX_LOG_STRING characters are truncated.
 *
 * Without a destination, lines go to standard output asynchronously (pino's
 * SonicBoom, sync: false): a request does not wait for its log line to be
 * written, and lines written while a write is in flight go out together in the
 * next one. What is still buffered is written when the process exits.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'airline-disruption-gateway' },
    formatters: {
      log: (object: Record<string, unknown>) => boundStrings(object, 3) as Record<string, unknown>,
    },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'adminToken',
        '*.adminToken',
        'ADMIN_TOKEN',
        '*.ADMIN_TOKEN',
        'secretAccessKey',
        '*.secretAccessKey',
        'cursorSecret',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
