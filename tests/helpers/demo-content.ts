import { loadContent, type Entry } from '../../src/lib/content/load.ts';

/** The demo content as the build sees it, so tests compare pages with the files, not with copies. */
export const demo = loadContent('content', 'media');
export const entriesOf = (collection: Entry['collection']) => demo.entries.filter((e) => e.collection === collection);
export const pageData = (name: string) => demo.entries.find((e) => e.collection === 'pages' && e.id === name)!.data;
export const slugs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
export const visibleDefis = () => entriesOf('defis').filter((e) => e.data['visible'] !== false);
export const peopleWithRole = (role: string) => entriesOf('personnes').filter((e) => e.data['role'] === role);
export const teamOf = (defi: string) => entriesOf('personnes').filter((p) => slugs(p.data['defis']).includes(defi));
