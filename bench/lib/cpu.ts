// CPU time of processes and their descendants, from /proc (Linux): what each part of a benchmark
// used during a phase, so a figure can be explained (two cores shared by the load generator, the
// portal's instances and the database). Elsewhere, no figures: each reading is null.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** [utime, stime] (s) of `pid` itself, or null when it is gone or /proc is missing. */
function ownCpu(pid: number): [number, number] | null {
  try {
    // The command name (field 2) may hold spaces: the fields after it start at the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[11]) / TICKS_PER_SECOND, Number(fields[12]) / TICKS_PER_SECOND];
  } catch {
    return null;
  }
}

/** The pids of every process whose parent chain reaches `root`, `root` included. */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, parent] of parents) if (parent === found[i]) found.push(pid);
  return found;
}

/** CPU seconds used, in user space and in the kernel (system calls: for a database client, mostly its sockets). */
export interface CpuUse {
  user: number;
  system: number;
}

/**
 * CPU seconds used by each named group (a root pid and its descendants) since the last call; a
 * database's backends come and go, so each reading walks the tree again (a backend that ended
 * between readings is not counted: readings are a lower bound for a pool that reconnects).
 */
export function cpuMeter(groups: Record<string, number>) {
  const read = () =>
    Object.fromEntries(
      Object.entries(groups).map(([name, root]) => [
        name,
        tree(root).reduce<CpuUse>((sum, pid) => {
          const [user, system] = ownCpu(pid) ?? [0, 0];
          return { user: sum.user + user, system: sum.system + system };
        }, { user: 0, system: 0 }),
      ]),
    );
  let last = read();
  return {
    /** CPU seconds per group since the previous call (or since the meter was made). */
    lap(): Record<string, CpuUse> {
      const now = read();
      const used = Object.fromEntries(Object.keys(groups).map((name) => [name, { user: now[name]!.user - last[name]!.user, system: now[name]!.system - last[name]!.system }]));
      last = now;
      return used;
    },
  };
}

/** Over `seconds` of wall time, in cores, with the kernel's part: "portal a 0.82 (kernel 0.31)". */
export const describeCpu = (used: Record<string, CpuUse>, seconds: number) =>
  Object.entries(used)
    .map(([name, { user, system }]) => `${name} ${((user + system) / seconds).toFixed(2)} (kernel ${(system / seconds).toFixed(2)})`)
    .join(', ');
