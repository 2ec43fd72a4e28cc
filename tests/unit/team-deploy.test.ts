/**
 * The team back-office's production files agree with its configuration contract, declared once in
 * backoffice/team/config.ts (the zod schema, `TEAM_ENV`): README's table and the example
 * environment file deploy/eig-backoffice.env name exactly its variables (required ones as
 * required), the example is a configuration the server accepts, the systemd unit reads that file
 * and runs what `npm run backoffice` runs, and nginx forwards to the example's PORT.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEAM_ENV, teamConfig } from '../../backoffice/team/config.ts';

/** Not the back-office's: git's own variable (the deploy key), documented in the same file. */
const FOREIGN = new Set(['GIT_SSH_COMMAND']);
const names = TEAM_ENV.map((v) => v.name).sort();

const envText = readFileSync('deploy/eig-backoffice.env', 'utf8');
/** NAME=value lines, the commented-out optional ones (`#NAME=`) included, with their values. */
const envLines = [...envText.matchAll(/^(#?)([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => ({ commented: m[1] === '#', name: m[2]!, value: m[3]! }));

/** README's table of the team back-office: each row's variables (first cell) and whether « yes ». */
function readmeTable(): { name: string; required: boolean }[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### The team back-office');
  const table = readme.slice(start).split('\n').filter((l) => l.startsWith('| `'));
  return table.flatMap((row) => {
    const [first, second] = row.split('|').slice(1, 3).map((c) => c.trim());
    return [...first!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => ({ name: m[1]!, required: second!.startsWith('yes') }));
  });
}

describe('team back-office: deploy files and the configuration contract', () => {
  it('README’s table names each variable of the schema once, required as the schema says', () => {
    const rows = readmeTable();
    expect(rows.map((r) => r.name).sort()).toEqual(names);
    expect(Object.fromEntries(rows.map((r) => [r.name, r.required]))).toEqual(Object.fromEntries(TEAM_ENV.map((v) => [v.name, v.required])));
  });

  it('deploy/eig-backoffice.env names each variable of the schema once (and git’s key only besides)', () => {
    const own = envLines.filter((l) => !FOREIGN.has(l.name));
    expect(own.map((l) => l.name).sort()).toEqual(names);
    // A required variable is never left commented out.
    expect(own.filter((l) => l.commented).map((l) => l.name).filter((n) => TEAM_ENV.find((v) => v.name === n)!.required)).toEqual([]);
  });

  it('the example environment is one the server accepts (https, origin only, a long enough secret)', () => {
    const env = Object.fromEntries(envLines.filter((l) => !l.commented).map((l) => [l.name, l.value]));
    const parsed = teamConfig(env);
    expect(parsed).toMatchObject({ ok: true });
  });

  it('the systemd unit reads /etc/eig/backoffice.env, sets none of its variables itself, and runs `npm run backoffice`’s command', () => {
    const unit = readFileSync('deploy/eig-backoffice.service', 'utf8');
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/eig\/backoffice\.env$/m);
    const inline = [...unit.matchAll(/^Environment=(.*)$/gm)].flatMap((m) => m[1]!.split(/\s+/).map((kv) => kv.split('=')[0]!));
    expect(inline.filter((n) => names.includes(n))).toEqual([]);
    const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['backoffice']!;
    const exec = /^ExecStart=\/usr\/bin\/(.*)$/m.exec(unit)?.[1];
    expect(exec).toBe(script.replace(/^exec /, ''));
  });

  it('nginx’s back-office site forwards to the example’s PORT', () => {
    const port = envLines.find((l) => l.name === 'PORT')!.value;
    expect(readFileSync('deploy/nginx-backoffice.conf', 'utf8')).toContain(`proxy_pass http://127.0.0.1:${port};`);
  });
});
