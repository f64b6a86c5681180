import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DeserializeMiddleware, HttpResponse, MiddlewareStack } from '@smithy/types';

/**
 * A command whose successful response is read here, as the JSON DynamoDB sent,
 * instead of by the SDK's deserializer: the hot read of the gateway (the shared
 * BatchGetItem, loaders/shared-batch-get.ts) spends more CPU in the SDK's
 * schema-driven walk of every attribute value, and then the document client's
 * second walk to native values, than in everything else the SDK does for it.
 *
 * Everything else stays the SDK's: the same client, middleware (retries,
 * counting, signing, timeouts) and HTTP pool. Only a 200's body is taken: the
 * SDK's deserializer is handed `{}` for it, and the parsed body's members are
 * then put on the SDK's output, so that every middleware above (the call
 * counter, the tests' read logs) sees the answer as it was, its attribute values
 * as DynamoDB's JSON has them (binary values as base64 text). An error response
 * reaches the SDK's deserializer untouched, so errors, their types and the
 * retries on them are exactly the SDK's.
 */
export function readWireOutput<I extends object, O extends object>(command: { readonly middlewareStack: MiddlewareStack<I, O> }): void {
  let parsed: Record<string, unknown> | undefined;
  // Innermost in the deserialize step: sees the raw response, before the SDK's deserializer.
  const take: DeserializeMiddleware<I, O> = (next) => async (args) => {
    parsed = undefined;
    const result = await next(args);
    const response = result.response as HttpResponse;
    if (response.statusCode !== 200 || !response.body) return result;
    const bytes = await bodyBytes(response.body as AsyncIterable<Uint8Array> | Uint8Array);
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      response.body = Buffer.from('{}');
    } catch {
      // Not JSON after all: the SDK reports it as it would have.
      response.body = bytes;
    }
    return result;
  };
  // Outermost in the deserialize step: the SDK's output (its metadata) gets the body's members.
  const give: DeserializeMiddleware<I, O> = (next) => async (args) => {
    const result = await next(args);
    if (parsed) Object.assign(result.output as object, parsed);
    return result;
  };
  command.middlewareStack.add(take, { step: 'deserialize', priority: 'low', name: 'takeWireOutput' });
  command.middlewareStack.add(give, { step: 'deserialize', priority: 'high', name: 'giveWireOutput' });
}

async function bodyBytes(body: AsyncIterable<Uint8Array> | Uint8Array): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

type WireValue = Record<string, unknown>;

/**
 * An item as DynamoDB's JSON holds it (a command's output under readWireOutput), as native values: what the document
 * client gives (util-dynamodb's unmarshall, numbers as numbers), with binary
 * values decoded from the wire's base64 first (the SDK's deserializer does that).
 */
export function nativeItem(item: Record<string, unknown>): Record<string, unknown> {
  return unmarshall(decodeBinary(item) as Record<string, AttributeValue>);
}

function decodeBinary(map: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(map)) {
    const decoded = decodeValue(value as WireValue);
    if (decoded !== value) (copy ??= { ...map })[name] = decoded;
  }
  return copy ?? map;
}

/** Base64 to bytes, as a plain Uint8Array (what the SDK gives, not a Buffer). */
function fromBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeValue(value: WireValue): WireValue {
  if (typeof value.B === 'string') return { B: fromBase64(value.B) };
  if (Array.isArray(value.BS)) return { BS: (value.BS as string[]).map(fromBase64) };
  if (Array.isArray(value.L)) {
    const list = value.L as WireValue[];
    const decoded = list.map(decodeValue);
    return decoded.some((v, i) => v !== list[i]) ? { L: decoded } : value;
  }
  if (value.M && typeof value.M === 'object') {
    const map = value.M as Record<string, unknown>;
    const decoded = decodeBinary(map);
    return decoded !== map ? { M: decoded } : value;
  }
  return value;
}
