/**
 * The phases of one `npm run build` (or any script), in order, for `BUILD_TIMINGS=1`: each
 * `phase(label)` closes the phase that ran since the previous mark. The first mark's time counts
 * from the process's start (Node's boot, tsx, module loading), as `performance.now()` does.
 * Nested work can add its own figures with `detail(label, ms)` (printed indented, not summed).
 */
interface Row { label: string; ms: number; cpuMs?: number; detail: boolean }

const rows: Row[] = [];
let last = 0;
/** This process's CPU time (user + system, ms): on a loaded machine, wall time alone misleads. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let lastCpu = 0;

/** Ends the current phase, named `label`. */
export function phase(label: string): void {
  const now = performance.now();
  // Recorded only when asked: a long-lived process (the back-office) must not accumulate rows.
  const c = cpu();
  if (timingsWanted()) rows.push({ label, ms: now - last, cpuMs: c - lastCpu, detail: false });
  last = now;
  lastCpu = c;
}

/** A sub-figure of the phase being measured (printed under it, not added to the total). */
export function detail(label: string, ms: number): void {
  if (timingsWanted()) rows.push({ label, ms, detail: true });
}

/** Times `fn` as a detail. */
export async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  try { return await fn(); } finally { detail(label, performance.now() - t); }
}

export const timingsWanted = (): boolean => process.env['BUILD_TIMINGS'] === '1';

/** The timeline as lines: phase, its duration and the time elapsed since the process started. */
export function timeline(): string[] {
  let at = 0;
  const out: string[] = [];
  const details: Row[] = [];
  // Details are recorded while their phase runs, i.e. before its mark: print them after it.
  for (const r of rows) {
    if (r.detail) { details.push(r); continue; }
    at += r.ms;
    out.push(`${r.label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  CPU ${((r.cpuMs ?? 0) / 1000).toFixed(2).padStart(5)} s   (à ${(at / 1000).toFixed(2)} s)`);
    for (const d of details.splice(0)) out.push(`  · ${d.label.padEnd(40)} ${(d.ms / 1000).toFixed(2).padStart(6)} s`);
  }
  out.push(`${'total (CPU de ce processus ; Pagefind est un processus à part)'.padEnd(44)} ${(at / 1000).toFixed(2).padStart(6)} s  CPU ${(cpu() / 1000).toFixed(2).padStart(5)} s`);
  return out;
}
