/**
 * A vitest reporter (beside the default one) that prints, at the end of a run, each project's
 * time: wall-clock span from its first file's start to its last file's end, and the sum of its
 * files' durations (greater than the span when files run in parallel), with the file count.
 */
import type { Reporter, TestModule } from 'vitest/node';

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default class ProjectTimes implements Reporter {
  private readonly span = new Map<string, { start: number; end: number }>();

  onTestModuleStart(m: TestModule): void {
    const name = m.project.name || '(défaut)';
    const s = this.span.get(name);
    if (!s) this.span.set(name, { start: performance.now(), end: performance.now() });
  }

  onTestModuleEnd(m: TestModule): void {
    const s = this.span.get(m.project.name || '(défaut)');
    if (s) s.end = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const files = new Map<string, { n: number; ms: number }>();
    for (const m of modules) {
      const name = m.project.name || '(défaut)';
      const f = files.get(name) ?? { n: 0, ms: 0 };
      f.n += 1;
      f.ms += m.diagnostic().duration;
      files.set(name, f);
    }
    if (files.size === 0) return;
    const lines = [...files].map(([name, f]) => {
      const s = this.span.get(name);
      return `  ${name.padEnd(8)} ${s ? sec(s.end - s.start).padStart(8) : '       ?'} de bout en bout, ${sec(f.ms)} de fichiers (${f.n} fichier(s))`;
    });
    console.log(`\nTemps par projet :\n${lines.join('\n')}`);
  }
}
