import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { contentTypes, fileTypes, folderTypes, type Field } from '../../src/content/model/index.ts';
import { backendFromEnv, cmsConfig, localBackend, type CmsField, type CmsFilesCollection, type CmsFolderCollection } from '../../backoffice/admin/decap-config.ts';
import { slugify } from '../../src/lib/content/slug.ts';

const config = cmsConfig({ backend: localBackend(4321) });
const folders = config.collections.filter((c): c is CmsFolderCollection => 'folder' in c);
const pages = config.collections.find((c): c is CmsFilesCollection => 'files' in c)!;

/** Every field path of a tree (`numbers.num`, `steps.list.icon`…). */
function modelPaths(fields: readonly Field[], prefix = ''): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, ...(f.kind === 'object' || f.kind === 'list' ? modelPaths(f.fields, `${prefix}${f.name}.`) : [])]);
}
function cmsPaths(fields: readonly CmsField[], prefix = ''): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, ...(f.fields ? cmsPaths(f.fields, `${prefix}${f.name}.`) : [])]);
}
/** Pairs of (model field, generated field) found at the same path. */
function pairs(model: readonly Field[], cms: readonly CmsField[]): [Field, CmsField][] {
  return model.flatMap((m) => {
    const c = cms.find((x) => x.name === m.name);
    if (!c) return [];
    const nested: [Field, CmsField][] = (m.kind === 'object' || m.kind === 'list') && c.fields ? pairs(m.fields, c.fields) : [];
    return [[m, c] as [Field, CmsField], ...nested];
  });
}

describe('Decap configuration generated from the content model', () => {
  it('has one collection per folder type and one page per file type, and nothing else', () => {
    expect(folders.map((c) => c.name)).toEqual(folderTypes.map((t) => t.name));
    expect(pages.files.map((f) => f.name)).toEqual(fileTypes.map((t) => t.name));
    expect(config.collections.length).toBe(folderTypes.length + 1);
  });

  it('has every field of every type, and no field the model lacks', () => {
    for (const t of contentTypes) {
      const generated = t.kind === 'folder' ? folders.find((c) => c.name === t.name)!.fields : pages.files.find((f) => f.name === t.name)!.fields;
      expect(cmsPaths(generated).sort(), t.name).toEqual(modelPaths(t.fields).sort());
    }
  });

  it('gives each kind of field its widget, label, hint and required flag', () => {
    const widgets: Record<Field['kind'], string[]> = {
      string: ['string', 'text'], markdown: ['markdown'], image: ['image'], file: ['file'], date: ['eig-date'], datetime: ['eig-datetime'],
      boolean: ['boolean'], number: ['number'], select: ['select'], relation: ['relation'], object: ['object'], list: ['list'],
    };
    let seen = 0;
    for (const t of contentTypes) {
      const generated = t.kind === 'folder' ? folders.find((c) => c.name === t.name)!.fields : pages.files.find((f) => f.name === t.name)!.fields;
      for (const [m, c] of pairs(t.fields, generated)) {
        seen++;
        const where = `${t.name}.${m.name}`;
        expect(c.label, where).toBe(m.label);
        expect(c.hint, where).toBe(m.doc);
        expect(c.required, where).toBe(m.required === false ? false : undefined);
        if (m.hidden) { expect(c.widget, where).toBe('hidden'); continue; }
        expect(widgets[m.kind], where).toContain(c.widget);
        if (m.kind === 'string') expect(c.widget, where).toBe(m.multiline ? 'text' : 'string');
        if (m.kind === 'number') expect(c.value_type, where).toBe('int');
        if (m.kind === 'select') expect(c.options, where).toEqual(m.options);
        if (m.kind === 'relation') {
          expect(c, where).toMatchObject({ collection: m.collection, value_field: '{{slug}}', search_fields: ['title'], display_fields: ['title'], multiple: true });
          expect(c.max, where).toBe(m.max);
        }
        if (m.kind === 'list') expect(c.max, where).toBe(m.max);
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('keeps the limits the editors rely on (3 key numbers, 2 related articles, 3 talents, 2 agents)', () => {
    const program = pages.files.find((f) => f.name === 'program')!;
    expect(program.fields.find((f) => f.name === 'numbers')!.max).toBe(3);
    const articles = folders.find((c) => c.name === 'articles')!;
    expect(articles.fields.find((f) => f.name === 'related')).toMatchObject({ widget: 'relation', collection: 'articles', max: 2 });
    const home = pages.files.find((f) => f.name === 'home')!;
    expect(home.fields.find((f) => f.name === 'talents')!.fields!.find((f) => f.name === 'list')!.max).toBe(3);
    expect(home.fields.find((f) => f.name === 'agents')!.fields!.find((f) => f.name === 'list')!.max).toBe(2);
    const role = folders.find((c) => c.name === 'personnes')!.fields.find((f) => f.name === 'role')!;
    expect(role.widget).toBe('select');
  });

  it('points folders and pages at the content root and hides the list pages from folder collections', () => {
    expect(folders.find((c) => c.name === 'articles')!.folder).toBe('content/blog');
    expect(pages.files.find((f) => f.name === 'program')!.file).toBe('content/program.md');
    expect(folders.find((c) => c.name === 'defis')!.filter).toEqual({ field: 'visible', value: true });
    expect(folders.find((c) => c.name === 'themes')!.filter).toBeUndefined();
    for (const c of folders) expect(c.create).toBe(true);
  });

  it('makes ASCII slugs without accents, from the title', () => {
    expect(config.slug).toEqual({ encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' });
    for (const c of folders) expect(c.slug).toBe('{{title}}');
    expect(slugify('Brigade numérique')).toBe('brigade-numerique');
  });

  it('uses the editorial workflow, French, the media folder, public paths img/… as in the content', () => {
    expect(config).toMatchObject({ locale: 'fr', publish_mode: 'editorial_workflow', media_folder: 'media', public_folder: 'img' });
  });

  it('speaks French to editors: no English or unaccented label from the known offenders', () => {
    // Words the previous back-office used, or French words missing their accent.
    const offenders = /\b(Title|Homepage|Hero|Cover|Callout|Picto|Media|Alt Text|URL|Linkedin|Github|Intro|Infos|Equipe|Etape|Etapes|Defis?|Themes?|Thematiques?|Categories?|Criteres?|Donnees|Acces|Accessibilite|Resume|Role|Numero|Duree|Medias?)\b/;
    const labels: string[] = [];
    const walk = (fields: readonly CmsField[], where: string) => {
      for (const f of fields) {
        labels.push(`${where}.${f.name}: ${f.label}`);
        for (const o of f.options ?? []) labels.push(`${where}.${f.name} option: ${o.label}`);
        if (f.fields) walk(f.fields, `${where}.${f.name}`);
      }
    };
    for (const c of folders) { labels.push(`${c.name}: ${c.label}`, `${c.name}: ${c.label_singular}`); walk(c.fields, c.name); }
    labels.push(`pages: ${pages.label}`);
    for (const f of pages.files) { labels.push(`${f.name}: ${f.label}`); walk(f.fields, f.name); }
    expect(labels.length).toBeGreaterThan(150);
    expect(labels.filter((l) => offenders.test(l.split(': ')[1]!))).toEqual([]);
    // The test can fail: the same walk catches an offender planted in a copy.
    expect(offenders.test('Alt Text') && offenders.test('Equipe') && !offenders.test('Équipe')).toBe(true);
  });

  it('labels FAQ items by their question and answer', () => {
    for (const name of ['candidats-faq', 'admins-faq']) {
      const questions = pages.files.find((f) => f.name === name)!.fields.find((f) => f.name === 'questions')!;
      expect(questions.summary).toBe('{{fields.title}}');
      expect(questions.fields!.map((f) => f.label)).toEqual(['Question', 'Réponse']);
    }
  });

  it('summarises list items by a text field (or the model\'s summary), never by an image or a file', () => {
    let lists = 0;
    const walk = (model: readonly Field[], cms: readonly CmsField[], where: string) => {
      for (const [m, c] of pairs(model, cms)) {
        if (m.kind !== 'list') continue;
        lists++;
        expect(c.summary, where).toBeTruthy();
        const names = [...c.summary!.matchAll(/\{\{fields\.(\w+)/g)].map((x) => x[1]);
        expect(names.length, `${where}.${m.name}`).toBeGreaterThan(0);
        for (const n of names) {
          const target = m.fields.find((f) => f.name === n);
          expect(target, `${where}.${m.name} → ${n}`).toBeDefined();
          expect(['image', 'file'], `${where}.${m.name} → ${n}`).not.toContain(target!.kind);
        }
        if (m.summary) expect(c.summary).toBe(m.summary);
      }
    };
    for (const t of contentTypes) {
      const generated = t.kind === 'folder' ? folders.find((c) => c.name === t.name)!.fields : pages.files.find((f) => f.name === t.name)!.fields;
      walk(t.fields, generated, t.name);
    }
    expect(lists).toBeGreaterThan(5);
    const phases = pages.files.find((f) => f.name === 'program')!.fields.find((f) => f.name === 'steps')!.fields!.find((f) => f.name === 'list')!;
    expect(phases.summary).toBe('{{fields.step}} — {{fields.title}}');
  });

  it('opens « Voir en direct » on the entry\'s own page, from the model\'s URLs', () => {
    for (const t of folderTypes) {
      expect(folders.find((c) => c.name === t.name)!.preview_path).toBe(`${t.urlPrefix.slice(1)}{{slug}}/`);
    }
    expect(folders.find((c) => c.name === 'defis')!.preview_path).toBe('defis/{{slug}}/');
    for (const t of fileTypes) expect(pages.files.find((f) => f.name === t.name)!.preview_path).toBe(t.url.slice(1));
    expect(pages.files.find((f) => f.name === 'candidats-faq')!.preview_path).toBe('participer/candidats/faq/');
    expect(cmsConfig({ backend: localBackend(4321), siteUrl: 'http://127.0.0.1:4321' }).site_url).toBe('http://127.0.0.1:4321');
  });

  it('lists dated entries newest first with their date, the others by title', () => {
    for (const name of ['defis', 'articles']) {
      const c = folders.find((x) => x.name === name)!;
      expect(c.sortable_fields[0]).toEqual({ field: 'date', label: 'Date de publication', default_sort: 'desc' });
      expect(c.sortable_fields).toContain('title');
      expect(c.summary).toBe("{{title}} — {{date | date('DD/MM/YYYY')}}");
    }
    expect(folders.find((x) => x.name === 'themes')!.sortable_fields).toEqual(['title']);
    expect(folders.find((x) => x.name === 'themes')!.summary).toBe('{{title}}');
  });

  it('gives every date field our date widget with the model’s period', () => {
    const defis = folders.find((c) => c.name === 'defis')!.fields;
    expect(defis.find((f) => f.name === 'date')).toMatchObject({ widget: 'eig-date', date_min: '2016-01-01', date_max: '+2y' });
    const since = defis.find((f) => f.name === 'outcome')?.fields?.find((f) => f.name === 'since') ?? defis.find((f) => f.name === 'since');
    expect(since).toMatchObject({ widget: 'eig-date', date_min: '2016-01-01', date_max: '+0y' });
  });

  it('is valid YAML that reads back to the same object', () => {
    expect(parse(stringify(config))).toEqual(JSON.parse(JSON.stringify(config)));
  });
});

describe('backend chosen by the environment', () => {
  it('is the embedded decap-server proxy by default', () => {
    expect(backendFromEnv({})).toEqual({ name: 'proxy', proxy_url: 'http://127.0.0.1:4321/api/v1', branch: 'main' });
    expect(backendFromEnv({ PORT: '5000' })).toMatchObject({ proxy_url: 'http://127.0.0.1:5000/api/v1' });
  });

  it('is GitHub with repo, branch and OAuth base URL in production', () => {
    const env = { CMS_BACKEND: 'github', CMS_REPO: 'owner/site-eig', CMS_BRANCH: 'main', CMS_BASE_URL: 'https://oauth.example/' };
    const prod = cmsConfig({ backend: backendFromEnv(env) });
    expect(prod.backend).toEqual({ name: 'github', repo: 'owner/site-eig', branch: 'main', base_url: 'https://oauth.example' });
    expect(prod.publish_mode).toBe('editorial_workflow');
    expect(JSON.stringify(prod)).not.toContain('proxy');
    expect(backendFromEnv({ CMS_BACKEND: 'github', CMS_REPO: 'o/r' })).toEqual({ name: 'github', repo: 'o/r', branch: 'main' });
  });

  it('refuses an incomplete production setting with a clear message', () => {
    expect(() => backendFromEnv({ CMS_BACKEND: 'github' })).toThrow(/CMS_REPO/);
    expect(() => backendFromEnv({ CMS_BACKEND: 'gitlab' })).toThrow(/CMS_BACKEND inconnu/);
  });
});

describe('/admin/config.yml as the build emits it', () => {
  it('is the GitHub configuration with the production settings, the local one without', async () => {
    const { GET } = await import('../../src/pages/admin/config.yml.ts');
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { CMS_BACKEND: 'github', CMS_REPO: 'owner/site-eig', CMS_BRANCH: 'main', CMS_BASE_URL: 'https://oauth.example' });
      const prod = parse(await (await GET({} as never)).text()) as { backend: unknown; collections: unknown[] };
      expect(prod.backend).toEqual({ name: 'github', repo: 'owner/site-eig', branch: 'main', base_url: 'https://oauth.example' });
      expect(prod.collections.length).toBe(folderTypes.length + 1);
      delete process.env['CMS_BACKEND'];
      const local = parse(await (await GET({} as never)).text()) as { backend: { name: string } };
      expect(local.backend.name).toBe('proxy');
    } finally {
      for (const k of ['CMS_BACKEND', 'CMS_REPO', 'CMS_BRANCH', 'CMS_BASE_URL']) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    }
  });
});
