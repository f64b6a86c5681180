import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput } from './gateway-error.js';

/** Cursors longer than this were not issued by the server. */
const MAX_CURSOR_LENGTH = 2_048;

/**
 * Opaque, tamper-evident page cursors: the position (a DynamoDB key or an
 * offset) and a fingerprint of the list it belongs to, signed with HMAC-SHA256.
 * A client can neither forge a position (and so read outside the list) nor
 * replay a cursor against another list or filter. node:crypto does the signing:
 * no cursor library adds anything to a 30-line HMAC.
 */
export class CursorCodec {
  private readonly secret: Buffer;

  /** `secret` from CURSOR_SECRET; without one, a random per-process secret (cursors then do not survive a restart). */
  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  encode(list: string, position: unknown): string {
    const payload = Buffer.from(JSON.stringify({ l: fingerprint(list), p: position })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The position a cursor holds; BAD_USER_INPUT if it was not issued by this server for this list. */
  decode<T>(list: string, cursor: string): T {
    const invalid = (why: string) => badInput(`\`after\` is not a cursor this server issued for this list (${why})`, 'after');
    if (cursor.length > MAX_CURSOR_LENGTH) throw invalid('too long');
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw invalid('malformed');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid('bad signature');
    let decoded: { l?: unknown; p?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { l?: unknown; p?: unknown };
    } catch {
      throw invalid('malformed');
    }
    if (decoded.l !== fingerprint(list)) throw invalid('issued for another list or filter');
    return decoded.p as T;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

const fingerprint = (list: string) => createHash('sha256').update(list).digest('base64url').slice(0, 16);
