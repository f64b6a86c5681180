import Table from 'cli-table3';
import type { SeedReport } from './seed.js';

/** The seed summary as a table for a terminal: one row per entity, then totals and problems. */
export function formatSeedReport(report: SeedReport, maxProblems = 50): string {
  const table = new Table({
    head: ['Entity', 'File', 'Rows read', report.dryRun ? 'Valid items' : 'Items written', 'Index entries', 'Rows rejected', 'Seconds'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  let read = 0;
  let written = 0;
  let rejected = 0;
  let indexEntries = 0;
  for (const e of report.entities) {
    read += e.rowsRead;
    written += e.itemsWritten;
    indexEntries += e.indexEntries;
    rejected += e.rowsRejected;
    const file = e.status === 'loaded' ? e.file : `${e.file} (${e.status})`;
    table.push([e.entity, file, fmt(e.rowsRead), fmt(e.itemsWritten), fmt(e.indexEntries), fmt(e.rowsRejected), e.seconds.toFixed(2)]);
  }
  table.push(['Total', '', fmt(read), fmt(written), fmt(indexEntries), fmt(rejected), report.seconds.toFixed(2)]);

  const lines = [table.toString()];
  if (written > 0) {
    // Each GSI entry is one more write for DynamoDB (and for DynamoDB Local, the load's bottleneck).
    lines.push(`${(indexEntries / written).toFixed(2)} index entries per item (GSI writes beyond the item itself).`);
  }
  const rate = report.seconds > 0 ? Math.round(written / report.seconds) : 0;
  lines.push(
    report.dryRun
      ? `Dry run: nothing written. ${fmt(written)} items would be stored.`
      : `${fmt(written)} items (+${report.aircraftItems} derived Aircraft items, ${fmt(report.dayItems)} day items) in table ${report.tableName}, ` +
          `${fmt(rate)} items/s; ${report.writes.batches} BatchWriteItem calls, ${report.writes.retries} retries ` +
          `(${report.writes.throttles} throttled, ${report.writes.unprocessedItems} unprocessed items re-sent).`,
  );
  if (report.provision) {
    const p = report.provision;
    lines.push(
      `Table ${p.tableName}: ${p.created ? 'created' : 'already existed'}` +
        `${p.addedIndexes.length ? `, added indexes ${p.addedIndexes.join(', ')}` : ''}; point-in-time recovery ${p.pointInTimeRecovery}.`,
    );
  }
  if (report.problems.length > 0) {
    lines.push('', 'Problems (file:line: reason):');
    for (const p of report.problems.slice(0, maxProblems)) lines.push(`  ${p.file}:${p.line}: ${p.reason}`);
    const more = report.problems.length - maxProblems + report.problemsOmitted;
    if (more > 0) lines.push(`  ... and ${fmt(more)} more`);
  }
  if (report.failure) lines.push('', `The load stopped early: ${report.failure}`, 'Run the seed again to complete it: writes are idempotent.');
  return lines.join('\n');
}

const fmt = (n: number) => n.toLocaleString('en-US');
