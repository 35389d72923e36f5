// CPU time of the calling thread, from Linux's /proc (utime + stime, in clock ticks of 10 ms):
// lets a benchmark tell the database thread's work from the worker's on a shared machine, where
// wall-clock latencies also measure everybody else. null where /proc/thread-self is missing.
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces), from the third: utime is the 14th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}
