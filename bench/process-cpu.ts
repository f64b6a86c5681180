import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of other processes (Linux /proc), for the benchmarks' "CPU per
 * request" of servers that cannot report their own (gunicorn's workers, the
 * DynamoDB Local JVM). utime + stime of /proc/PID/stat cover every thread of a
 * process, as Node's process.cpuUsage() does; their unit is the clock tick
 * (1/100 s here), so a figure is exact to 10 ms over the whole run.
 */

const TICKS_PER_SECOND = ticksPerSecond();

function ticksPerSecond(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** True where /proc can be read (Linux): otherwise the CPU columns of other processes are left empty. */
export const PROC_AVAILABLE = (() => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process is gone
  }
}

/** CPU milliseconds (user + system) a process has used so far; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  // After the name: state(0) ppid(1) ... utime(11) stime(12).
  if (!fields) return 0;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Pids of a process's children (gunicorn's workers under its master). */
export function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === parent) pids.push(Number(entry));
  }
  return pids;
}

/** CPU milliseconds of a process and all its children (a gunicorn master and its workers). */
export function processTreeCpuMs(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + processCpuMs(p), 0);
}
