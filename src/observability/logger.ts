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
 * class instances are left to pino's serializers.
 */
function boundStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return truncate(value, MAX_LOG_STRING);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => boundStrings(v, depth - 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = boundStrings(v, depth - 1);
  return out;
}

/**
 * Structured JSON logs (pino). Anything that can carry a secret is redacted: the
 * Authorization header, the admin token, AWS credentials. Strings over
 * MAX_LOG_STRING characters are truncated.
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
  return destination ? pino(options, destination) : pino(options);
}
