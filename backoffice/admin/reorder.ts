/**
 * Reordering without dragging (#22 item 2): Decap 3.16 moves list items and workflow cards by
 * drag and drop only (dnd-kit with pointer and touch sensors for lists, react-dnd's HTML5 backend
 * for the board), which a keyboard cannot do. Two small controls, drawn by patches of the bundle
 * (src/integrations/decap-patches.ts: `list-item-moves`, `workflow-card-moves`):
 * - « Monter » / « Descendre » on each list item's bar, calling the list's own reordering
 *   (its `onSortEnd`, as a drop would); the focus stays on the button that was pressed;
 * - « Déplacer vers » buttons on each workflow card, one per other column, calling the board's
 *   own status change (as a drop on that column). Decap's editor also has its « Statut » menu.
 * Real <button>s: Enter and Space, visible focus (focus.ts), French names with the item's label.
 */
import FR_PHRASES from './locale-fr.json';

type H = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;
type CreateClass = (spec: Record<string, unknown>) => unknown;

const COLUMNS = FR_PHRASES.workflow.workflowList;
/** The board's columns, in order, with their headers from the locale. */
export const STATUSES = [['draft', COLUMNS.draftHeader], ['pending_review', COLUMNS.inReviewHeader], ['pending_publish', COLUMNS.readyHeader]] as const;

/** The buttons' accessible names (pure, for tests). */
export const moveLabel = (direction: -1 | 1, item: string | undefined): string =>
  `${direction < 0 ? 'Monter' : 'Descendre'}${item ? ` « ${item} »` : ' cet élément'}`;
export const cardMoveLabel = (title: string | undefined, column: string): string =>
  `Déplacer${title ? ` « ${title} »` : ''} vers « ${column} »`;

interface ListMovesThis {
  props: { index: number; count: number; label?: unknown; onMove(direction: -1 | 1): void };
  pressed?: -1 | 1 | undefined; up?: HTMLButtonElement | null; down?: HTMLButtonElement | null;
}

/** « Monter » / « Descendre » for one list item. */
function listMoves(h: H, createClass: CreateClass): unknown {
  return createClass({
    displayName: 'EigListMoves',
    componentDidUpdate(this: ListMovesThis, prev: ListMovesThis['props']) {
      // React may have moved this item's node (which drops the focus): give it back, to the
      // button pressed or, at the end of the list, to the other one.
      if (this.pressed === undefined || prev.index === this.props.index) return;
      const wanted = this.pressed < 0 ? this.up : this.down;
      const target = wanted && !wanted.disabled ? wanted : (this.pressed < 0 ? this.down : this.up);
      this.pressed = undefined;
      target?.focus();
    },
    render(this: ListMovesThis) {
      const { index, count, label } = this.props;
      const item = typeof label === 'string' && label.trim() ? label.trim() : undefined;
      const button = (direction: -1 | 1) => h('button', {
        type: 'button', className: 'eig-move', 'aria-label': moveLabel(direction, item), title: moveLabel(direction, item),
        disabled: direction < 0 ? index <= 0 : index >= count - 1,
        ref: (b: HTMLButtonElement | null) => { if (direction < 0) this.up = b; else this.down = b; },
        onClick: () => { this.pressed = direction; this.props.onMove(direction); },
      }, h('span', { 'aria-hidden': 'true' }, direction < 0 ? '↑' : '↓'), direction < 0 ? ' Monter' : ' Descendre');
      return h('span', { className: 'eig-moves' }, button(-1), button(1));
    },
  });
}

interface CardMovesProps { status: string; title?: unknown; onMove(status: string): void }

/** « Déplacer vers » one of the other columns, for one workflow card. */
function cardMoves(h: H): (props: CardMovesProps) => unknown {
  return ({ status, title, onMove }) => {
    const name = typeof title === 'string' ? title : undefined;
    return h('div', { className: 'eig-card-moves', role: 'group', 'aria-label': `Déplacer${name ? ` « ${name} »` : ''}` },
      h('span', { 'aria-hidden': 'true' }, 'Déplacer vers : '),
      ...STATUSES.filter(([s]) => s !== status).map(([s, column]) => h('button', {
        key: s, type: 'button', className: 'eig-move', 'aria-label': cardMoveLabel(name, column), onClick: () => onMove(s),
      }, column)));
  };
}

export const REORDER_CSS = [
  '.eig-moves{display:inline-flex;gap:.25rem;margin:0 .25rem;flex:none}',
  // 24 px at least: WCAG 2.2 target size (axe target-size).
  '.eig-move{font:inherit;font-size:.8125rem;line-height:1.2;min-height:1.5rem;min-width:1.5rem;padding:.1875rem .5rem;border:1px solid #000091;border-radius:.25rem;background:#fff;color:#000091;cursor:pointer}',
  '.eig-move:hover{background:#e3e3fd}',
  '.eig-move:disabled{border-color:#929292;color:#666;background:#f6f6f6;cursor:not-allowed}',
  '.eig-card-moves{display:flex;flex-wrap:wrap;gap:.25rem .375rem;align-items:center;padding:.5rem .75rem 0;font-size:.8125rem;color:#3a3a3a}',
].join('\n');

declare global { interface Window { eigListMoves?: unknown; eigCardMoves?: unknown } }

/** Registers both controls for the bundle's patches, and their CSS. */
export function registerReorder(h: H, createClass: CreateClass): void {
  const style = document.createElement('style');
  style.textContent = REORDER_CSS;
  document.head.append(style);
  window.eigListMoves = listMoves(h, createClass);
  window.eigCardMoves = cardMoves(h);
}

if (typeof window !== 'undefined' && window.h && window.createClass) registerReorder(window.h as H, window.createClass);
