import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse/sync';

/**
 * One event of a CSV file read record by record. `line` is the physical line the record starts on (header = 1).
 * Another source of records (seed/table-source.ts) yields the same events; its `key` names the record where a
 * line number alone would not (a source table's item key), and the load's problems then say it.
 */
export type CsvEvent =
  | { readonly type: 'record'; readonly fields: string[]; readonly line: number; readonly key?: string }
  | { readonly type: 'broken'; readonly line: number; readonly reason: string; readonly key?: string };

/** A quoted field may not grow past this: larger than any item DynamoDB can store. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Reads a CSV file as records with the physical line each starts on.
 *
 * csv-parse alone cannot recover from an unclosed quote: it swallows the rest of
 * the file into one field (or, with relax_quotes, silently merges rows). So a
 * small splitter goes first: it follows RFC 4180 quoting line by line to find
 * where each record ends, and a record that never closes (or closes badly) costs
 * only its first line, reported as broken; reading resumes on the next line.
 * Each complete record is then parsed by csv-parse.
 *
 * Handles a UTF-8 byte-order mark, CRLF or LF line ends, and quoted fields with
 * delimiters, quotes and line breaks inside. Empty lines are skipped.
 */
export async function* readCsvRecords(file: string, onProgress?: (bytesRead: number) => void): AsyncGenerator<CsvEvent> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const splitter = new RecordSplitter();
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo += 1;
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      yield* splitter.push(text, lineNo);
      onProgress?.(input.bytesRead);
    }
    yield* splitter.end();
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Scan state of a record being assembled from physical lines. */
interface Pending {
  readonly lines: string[];
  readonly firstLine: number;
  bytes: number;
}

class RecordSplitter {
  private pending: Pending | undefined;

  *push(text: string, lineNo: number): Generator<CsvEvent> {
    // Lines re-fed after a broken record are processed through the same path.
    const queue: Array<[string, number]> = [[text, lineNo]];
    while (queue.length > 0) {
      const [lineText, no] = queue.shift()!;
      yield* this.accept(lineText, no, queue);
    }
  }

  *end(): Generator<CsvEvent> {
    const queue: Array<[string, number]> = [];
    while (this.pending) {
      // End of file inside a quoted field: the record's first line is broken,
      // every following line gets another chance.
      const { lines, firstLine } = this.pending;
      this.pending = undefined;
      yield { type: 'broken', line: firstLine, reason: 'a quoted field is never closed' };
      lines.slice(1).forEach((l, i) => queue.push([l, firstLine + 1 + i]));
      while (queue.length > 0) {
        const [lineText, no] = queue.shift()!;
        yield* this.accept(lineText, no, queue);
      }
    }
  }

  private *accept(text: string, lineNo: number, queue: Array<[string, number]>): Generator<CsvEvent> {
    if (!this.pending && text.trim() === '') return;
    const pending = this.pending ?? { lines: [], firstLine: lineNo, bytes: 0 };
    pending.lines.push(text);
    pending.bytes += text.length + 1;
    const scan = scanRecord(pending.lines.join('\n'));
    if (scan === 'open' && pending.bytes <= MAX_RECORD_BYTES) {
      this.pending = pending;
      return;
    }
    this.pending = undefined;
    const reason =
      scan === 'open' ? `a quoted field runs past ${MAX_RECORD_BYTES} bytes without closing` : scan === 'closed' ? undefined : scan.broken;
    const fields = reason === undefined ? parseRecord(pending.lines.join('\n')) : undefined;
    if (fields) {
      yield { type: 'record', fields, line: pending.firstLine };
      return;
    }
    yield { type: 'broken', line: pending.firstLine, reason: reason ?? 'csv-parse rejected the record' };
    // Only the first line is condemned: the rest are read again as new records.
    const retry = pending.lines.slice(1).map((l, i): [string, number] => [l, pending.firstLine + 1 + i]);
    queue.unshift(...retry);
  }
}

/**
 * Follows RFC 4180 quoting over a candidate record: 'open' while a quoted field
 * continues past the text, 'closed' when the record is complete. A quote inside
 * an unquoted field is kept as a literal character (exports do produce 5'11"); a
 * closing quote followed by anything but a delimiter is an error.
 */
function scanRecord(text: string): 'open' | 'closed' | { broken: string } {
  let inQuotes = false;
  let afterClosingQuote = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else {
          inQuotes = false;
          afterClosingQuote = true;
        }
      }
    } else if (afterClosingQuote) {
      if (c === ',') {
        afterClosingQuote = false;
        atFieldStart = true;
      } else if (c === '\n') {
        return { broken: 'unexpected line break' };
      } else {
        return { broken: `a closing quote is followed by ${JSON.stringify(c)} instead of a comma or the end of the line` };
      }
    } else if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (c === ',') {
      atFieldStart = true;
    } else if (c === '\n') {
      // A line break outside quotes inside a candidate: only possible after a re-feed
      // joined lines, and means the first line ended a record on its own.
      return { broken: 'unexpected line break' };
    } else {
      atFieldStart = false;
    }
  }
  return inQuotes ? 'open' : 'closed';
}

function parseRecord(text: string): string[] | undefined {
  // Without a quote, RFC 4180 fields are exactly the text between commas: no need
  // to build a csv-parse parser for the (vast) majority of records.
  if (!text.includes('"')) return text.split(',');
  try {
    const records = parse(text, { relax_quotes: true, relax_column_count: true });
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}
