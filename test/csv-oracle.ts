import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SAMPLE_DIR } from './helpers.js';

/**
 * The sample CSVs read independently of the seed (plain csv-parse), so that tests
 * compare the gateway's answers with the files, not with the gateway's own code.
 */
export function sampleRows(file: string): Record<string, string>[] {
  return csvRows(SAMPLE_DIR, file);
}

/** The rows of one CSV of an export directory, by column name (a BOM and CRLF line ends are fine). */
export function csvRows(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Record<string, string>[];
}

export const flagOf = (value: string | undefined) => (value === undefined || value === '' ? undefined : value === 'Y');
