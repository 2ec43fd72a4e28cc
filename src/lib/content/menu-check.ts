import { MENU_IDS, isMenuId } from '../menus.ts';
import type { ContentIssue } from './issues.ts';

/**
 * A page whose `menu:` key names no menu entry (a misspelt id would mark none, silently): one
 * error each, with the file, the line and the ids there are.
 */
export function menuIssues(entries: readonly { collection: string; id: string; file?: string | undefined; data: Record<string, unknown> }[], lineOf?: (file: string, path: string[]) => number | undefined): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const e of entries) {
    const menu = e.data['menu'];
    if (e.collection !== 'pages' || typeof menu !== 'string' || menu === '' || isMenuId(menu)) continue;
    const file = e.file ?? e.id;
    issues.push({ file, line: lineOf?.(file, ['menu']), field: 'menu', message: `entrée de menu inconnue « ${menu} » : attendu l’une de ${MENU_IDS.join(', ')}`, severity: 'error' });
  }
  return issues;
}
