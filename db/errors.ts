/** Error names DynamoDB uses when it sheds load: retry later, with backoff. */
const THROTTLE_NAMES = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

const TRANSIENT_NAMES = new Set(['InternalServerError', 'ServiceUnavailable', 'TimeoutError', 'RequestTimeout']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isThrottle(error: unknown): boolean {
  return THROTTLE_NAMES.has((error as AwsLikeError)?.name ?? '');
}

/** True when the same request may succeed later: throttling, 5xx, timeouts, a database that is down. */
export function isRetryable(error: unknown): boolean {
  const e = error as AwsLikeError;
  if (!e || typeof e !== 'object') return false;
  if (isThrottle(e) || TRANSIENT_NAMES.has(e.name ?? '')) return true;
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(e.name ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Waits `ms`; with a signal, an abort ends the wait at once (rejected with the abort's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise<void>((resolve) => setTimeout(resolve, ms));
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort's reason as is, like the SDK's own aborted calls
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort's reason as is, like the SDK's own aborted calls
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A short description of an SDK error, without stack or request internals. */
export function describeError(error: unknown): string {
  const e = error as AwsLikeError & { message?: string };
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${e?.message ?? String(error)}`.slice(0, 300);
}
