/**
 * A content problem as data, from the content checks to where an editor reads it: the
 * publication guard's refusal (Decap's message), the status bar of /admin/ and the status page.
 * Made from the checks' `ContentIssue`s and the entries' front matter by describe.ts (Node);
 * turned into French sentences only here, where they are shown (pure: no DOM, no Node, so the
 * browser's status bar uses the same words).
 */

/** An entry as the back-office names it. */
export interface ProblemEntry {
  /** The collection's singular label (« Défi »), « Page », or « Fichier » for a medium. */
  kind: string;
  /** The entry's title (or the page's label, or the file name). */
  title: string;
  /** Repository path: `content/defis/x.md`, `media/x.png`. */
  file: string;
  /** The entry in the back-office (`/admin/#/collections/defis/entries/x`), none for a medium. */
  admin?: string | undefined;
}

export interface Problem {
  /** The entry the problem is in. */
  entry: ProblemEntry;
  /** The field: its path in the front matter (`numbers[0].num`) and its labels (« Chiffres clés n° 1 › Nombre »). */
  field?: { path: string; label: string } | undefined;
  /** Repository path and 1-based line. */
  file: string;
  line?: number | undefined;
  /** What the check found (French). */
  message: string;
  severity: 'error' | 'warning';
  /** A relation to an entry that is not on the site: the collection's singular label and the slug named. */
  relation?: { kind: string; slug: string } | undefined;
  /**
   * The entries this problem follows from, when it is in another entry than the ones changed: a
   * person page pointing at the défi this publication makes invalid (« contenus liés »).
   */
  related?: ProblemEntry[] | undefined;
}

const named = (e: Pick<ProblemEntry, 'kind' | 'title'>) => `${e.kind} « ${e.title} »`;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** « Défi « Eau claire », champ « Date de publication » : date hors de la période admise ». */
export function problemSentence(p: Problem): string {
  const where = `${named(p.entry)}${p.field ? `, champ « ${p.field.label} »` : ''}`;
  if (p.related?.length) return `${where} : pointe vers ${p.related.map((r) => lower(named(r))).join(', ')}, que cette publication rend invalide`;
  if (p.relation) return `${where} : « ${p.relation.slug} » ne correspond à aucun contenu de type « ${p.relation.kind} »`;
  return `${where} : ${p.message}`;
}

/** What the editor does about it. */
export function problemAdvice(p: Problem): string {
  if (p.related?.length) return `Ce contenu lié n’est pas en cause : corrigez d’abord ${p.related.map((r) => lower(named(r))).join(', ')} ; le lien se rétablit avec lui.`;
  if (p.relation) return `Choisissez un élément existant dans la liste du champ « ${p.field?.label ?? 'concerné'} », ou retirez celui-ci.`;
  return p.field ? `Corrigez le champ « ${p.field.label} » puis publiez de nouveau.` : 'Corrigez ce contenu puis publiez de nouveau.';
}

/** Where it is, for the technical details: `content/defis/x.md:12 (date)`. */
export function problemPlace(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}${p.field ? ` (${p.field.path})` : ''}`;
}

/** The entries a problem names (its own, then the ones it follows from), each once. */
export function problemEntries(problems: readonly Problem[]): ProblemEntry[] {
  const seen = new Map<string, ProblemEntry>();
  for (const p of problems) for (const e of [p.entry, ...(p.related ?? [])]) if (!seen.has(e.file)) seen.set(e.file, e);
  return [...seen.values()];
}

const list = (names: string[], max: number) => names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} et ${names.length - max} autre${names.length - max > 1 ? 's' : ''}`;

/**
 * A refusal in one text (Decap shows a single message; the status bar and page show each problem
 * apart, with links): `verb` (« Publication », « Suppression ») refused, then one sentence and
 * what to do per problem of the entries changed (`listed` at most, then their count), then the
 * linked entries it breaks, grouped (« 6 contenus liés pointent vers … : ils se rétablissent
 * quand … »), and that the site online is unchanged.
 */
export function refusalText(verb: string, problems: readonly Problem[], listed = 3): string {
  const linked = problems.filter((p) => p.related?.length);
  const own = problems.filter((p) => !p.related?.length);
  const parts = own.slice(0, listed).map((p) => `${problemSentence(p)}. ${problemAdvice(p)}`);
  const rest = own.length - Math.min(own.length, listed);
  if (rest) parts.push(`Et ${rest} autre${rest > 1 ? 's' : ''} problème${rest > 1 ? 's' : ''} : voir l’état du site.`);
  if (linked.length) {
    const targets = problemEntries(linked.map((p) => ({ ...p, entry: p.related![0]!, related: p.related!.slice(1) }))).map((e) => lower(named(e)));
    const sources = problemEntries(linked.map((p) => ({ ...p, related: [] }))).map(named);
    const n = sources.length;
    parts.push(`${n} contenu${n > 1 ? 's' : ''} lié${n > 1 ? 's' : ''} (${list(sources, 3)}) ${n > 1 ? 'pointent' : 'pointe'} vers ${targets.join(', ')} : ${n > 1 ? 'ils se rétablissent' : 'il se rétablit'} quand ${targets.length > 1 ? 'ces contenus seront corrigés' : 'ce contenu sera corrigé'}, rien à y changer.`);
  }
  return `${verb} refusée : ${parts.join(' ')} Le site en ligne est inchangé.`;
}
