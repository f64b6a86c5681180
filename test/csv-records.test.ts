import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvEvent } from '../seed/csv-records.js';

async function read(text: string): Promise<CsvEvent[]> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'csv-')), 'f.csv');
  writeFileSync(file, text);
  const events: CsvEvent[] = [];
  for await (const e of readCsvRecords(file)) events.push(e);
  return events;
}

const records = (events: CsvEvent[]) => events.filter((e) => e.type === 'record').map((e) => [e.line, ...(e as { fields: string[] }).fields]);

describe('readCsvRecords', () => {
  it('strips a byte-order mark, reads CRLF, and keeps quoted commas, quotes and line breaks', async () => {
    const events = await read('\uFEFFid,name\r\n1,"Smith, John"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,x\r\n');
    expect(records(events)).toEqual([
      [1, 'id', 'name'],
      [2, '1', 'Smith, John'],
      [3, '2', 'say "hi"'],
      [4, '3', 'two\nlines'],
      [6, '4', 'x'],
    ]);
  });

  it('reports the line a record starts on, skipping empty lines', async () => {
    const events = await read('id,n\n\n1,"a\nb\nc"\n\n2,z\n');
    expect(records(events)).toEqual([
      [1, 'id', 'n'],
      [3, '1', 'a\nb\nc'],
      [7, '2', 'z'],
    ]);
  });

  it('condemns only the first line of a record whose quote never closes', async () => {
    const events = await read('id,n\n1,ok\n2,"unclosed\n3,fine\n4,also fine\n');
    expect(events.filter((e) => e.type === 'broken')).toEqual([{ type: 'broken', line: 3, reason: 'a quoted field is never closed' }]);
    expect(records(events).map((r) => r[1])).toEqual(['id', '1', '3', '4']);
  });

  it('recovers when a stray quote closes a runaway field on a later line', async () => {
    const events = await read('id,n\n1,"runaway\n2,ok\n3,bad"tail\n4,ok\n');
    const broken = events.filter((e) => e.type === 'broken').map((e) => e.line);
    expect(broken).toEqual([2]);
    // line 4 keeps its literal quote: a quote inside an unquoted field is data, not syntax
    expect(records(events)).toEqual([
      [1, 'id', 'n'],
      [3, '2', 'ok'],
      [4, '3', 'bad"tail'],
      [5, '4', 'ok'],
    ]);
  });

  it('rejects a closing quote followed by text', async () => {
    const events = await read('id,n\n1,"ab"cd\n2,ok\n');
    expect(events.find((e) => e.type === 'broken')).toMatchObject({ line: 2 });
    expect(records(events).map((r) => r[1])).toEqual(['id', '2']);
  });
});
