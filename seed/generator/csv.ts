// Minimal RFC 4180 writer: LF line ends, no BOM, quotes only where needed.

export type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;

export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

/** Plain decimal text: JS would switch to exponent notation below 1e-6 or above 1e21. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : BigInt(value).toString();
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Fixed decimals as text, so money and weights keep their trailing zeros (12.50). */
export function fixed(value: number, digits = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
  const text = value.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? text.slice(1) : text;
}

export function flag(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}

export function escapeField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? formatNumber(cell) : cell;
}

export function toCsv(table: CsvTable): string {
  const known = new Set(table.columns);
  const lines = [table.columns.map(escapeField).join(',')];
  for (const row of table.rows) {
    // a misspelt key would silently become an empty column: fail loudly instead
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new Error(`column ${key} is not in the header`);
    }
    lines.push(table.columns.map((c) => escapeField(cellText(row[c]))).join(','));
  }
  return `${lines.join('\n')}\n`;
}
