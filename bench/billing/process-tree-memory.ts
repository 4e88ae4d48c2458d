import { readFileSync, readdirSync } from 'node:fs';

const PAGE_BYTES = 4096;

function rssBytes(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return 0; // the process ended meanwhile
  }
}

function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
  } catch {
    return null;
  }
}

/** The pid of the process whose command line contains `marker` (e.g. a server's data directory), or null. */
export function findProcess(marker: string): string | null {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) return pid;
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

/**
 * RSS of a process and its direct children (a PostgreSQL postmaster and its backends), in bytes.
 * Shared buffers touched by several backends are counted in each, so this is an upper bound.
 */
export function processTreeRss(rootPid: string): number {
  let total = rssBytes(rootPid);
  for (const pid of childPids(rootPid)) total += rssBytes(pid);
  return total;
}

/** Pids of the direct children of `rootPid` (Linux /proc). */
function childPids(rootPid: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && parentOf(p) === rootPid);
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime (+ the waited-for children's, with `withExited`) of one process, in clock ticks. */
function cpuTicks(pid: string, withExited: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]) + (withExited ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0; // the process ended meanwhile
  }
}

/**
 * CPU seconds a server has used so far: the process, its live children (PostgreSQL's backends)
 * and the children that have exited. A machine shared with others stretches wall time, not this.
 */
export function processTreeCpuSeconds(rootPid: string): number {
  let ticks = cpuTicks(rootPid, true);
  for (const pid of childPids(rootPid)) ticks += cpuTicks(pid, false);
  return ticks / TICKS_PER_SECOND;
}

/** A child's kind from its process title: `postgres: autovacuum worker db` -> `autovacuum worker`. */
function kindOf(pid: string): string {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    const m = /^postgres: (.*)$/.exec(title);
    if (!m) return 'other';
    const rest = m[1];
    if (/^(autovacuum|checkpointer|background writer|walwriter|logical|stats|archiver)/.test(rest))
      return rest.replace(/ (hourglass|postgres)\b.*$/, '').trim();
    return 'client backend';
  } catch {
    return 'gone';
  }
}

/**
 * Samples, every `everyMs`, each child's CPU and attributes what it used since the last sample to
 * its kind (client backend, autovacuum worker, checkpointer, ...): where a server's CPU goes. A
 * child's CPU between its last sample and its exit is not seen (`everyMs` at most per child).
 */
export function serverCpuByKind(
  rootPid: string,
  everyMs = 1000,
): { stop: () => Record<string, number> } {
  const last = new Map<string, { ticks: number; kind: string }>();
  const byKind: Record<string, number> = {};
  let first = true;
  const sample = () => {
    for (const pid of childPids(rootPid)) {
      const ticks = cpuTicks(pid, false);
      const prev = last.get(pid);
      const kind = prev?.kind ?? kindOf(pid);
      // A child born since the last sample used all its CPU within the window.
      const used = prev ? ticks - prev.ticks : first ? 0 : ticks;
      byKind[kind] = (byKind[kind] ?? 0) + used / TICKS_PER_SECOND;
      last.set(pid, { ticks, kind });
    }
    first = false;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return Object.fromEntries(
        Object.entries(byKind).map(([k, v]) => [k, Math.round(v * 100) / 100]),
      );
    },
  };
}
