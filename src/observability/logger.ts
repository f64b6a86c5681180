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
 * The keys whose values never reach a log line, at any depth a line is
 * examined to (compared without case): the Authorization header, the admin
 * token, AWS credentials, the cursor secret.
 */
const SECRET_KEYS = new Set(['authorization', 'admintoken', 'admin_token', 'secretaccesskey', 'sessiontoken', 'cursorsecret']);
export const REDACTED = '[redacted]';
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase());

/** How deep a log line's objects are examined for long strings and secrets (the request line nests three levels). */
const LOG_DEPTH = 4;

/**
 * A log line's object, with long strings truncated and secrets redacted, in
 * plain objects and arrays LOG_DEPTH levels deep, so that no log line carries
 * what a client sent at full length, nor a credential. An Error (or other class
 * instance) with a secret among its own keys is copied with it redacted, and
 * keeps its prototype (pino's serializers still see an Error); otherwise class
 * instances are left to pino's serializers. An object or array with nothing to
 * change is returned as it is, not copied (one log line per request).
 *
 * This replaces pino's `redact` option, whose wildcard paths cost about 27 µs
 * of CPU per line (measured: 33 µs against 6 µs for the request line), a
 * fortieth of a simple query's CPU.
 */
function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_LOG_STRING ? truncate(value, MAX_LOG_STRING) : value;
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((v, i) => {
      const bounded = sanitize(v, depth - 1);
      if (bounded !== v) (copy ??= [...items])[i] = bounded;
    });
    return copy ?? items;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return redactInstance(value, proto as object);
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const bounded = isSecretKey(key) && v !== undefined ? REDACTED : sanitize(v, depth - 1);
    if (bounded !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = bounded;
  }
  return copy ?? value;
}

function redactInstance(value: object, proto: object): object {
  const secrets = Object.keys(value).filter(isSecretKey);
  if (secrets.length === 0) return value;
  const copy = Object.create(proto, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
  for (const key of secrets) Object.defineProperty(copy, key, { value: REDACTED, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Structured JSON logs (pino). Anything that can carry a secret is redacted
 * (sanitize: the Authorization header, the admin token, AWS credentials, the
 * cursor secret). Strings over MAX_LOG_STRING characters are truncated.
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
      log: (object: Record<string, unknown>) => sanitize(object, LOG_DEPTH) as Record<string, unknown>,
    },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
