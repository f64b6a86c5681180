import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino). Anything that can carry a secret is redacted: the
 * Authorization header, the admin token, AWS credentials.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'airline-disruption-gateway' },
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
