import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Field } from '../../src/content/model/fields.ts';
import type { ContentType } from '../../src/content/model/types.ts';

/** A minimal valid value for a field, as an editor would write it in YAML. */
export function sampleValue(f: Field): unknown {
  switch (f.kind) {
    case 'string': return f.format === 'https' ? `https://exemple.fr/${f.name}` : f.pattern?.example ?? `Exemple ${f.name}`;
    case 'markdown': return `Exemple ${f.name}`;
    case 'image': return 'img/exemple.png';
    case 'file': return 'img/appel.pdf';
    case 'date': return '2024-03-01';
    case 'datetime': return '2024-03-01T09:00:00+01:00';
    case 'boolean': return true;
    case 'number': return 1;
    case 'select': return f.options[0]!.value;
    case 'relation': return [];
    case 'object': return sampleData(f.fields);
    case 'list': return [sampleData(f.fields)];
  }
}

export function sampleData(fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.name !== 'body' && !f.hidden) out[f.name] = sampleValue(f);
  return out;
}

export function markdownFile(data: Record<string, unknown>, body = 'Texte.'): string {
  return `---\n${stringify(data)}---\n${body}\n`;
}

/** A temporary content tree; `write` adds files (path relative to the content root). */
export function tempTree() {
  const root = mkdtempSync(join(tmpdir(), 'eig-content-'));
  const contentDir = join(root, 'content');
  const mediaDir = join(root, 'media');
  mkdirSync(contentDir, { recursive: true });
  mkdirSync(mediaDir, { recursive: true });
  return {
    root, contentDir, mediaDir,
    write(path: string, text: string | Buffer) {
      const full = join(contentDir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    },
    media(path: string) {
      const full = join(mediaDir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, 'x');
    },
  };
}

export const fileOf = (t: ContentType, slug = 'exemple') => (t.kind === 'file' ? t.file : `${t.folder}/${slug}.md`);
