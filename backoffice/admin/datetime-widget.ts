/**
 * The back-office's date-and-time widget (`widget: eig-datetime`, given to every `datetime` field
 * of the model by decap-config.ts, e.g. « Publier le »): the browser's own
 * `<input type="datetime-local">` (typed with the keyboard, in the browser's language), always
 * in Paris time whatever the editor's machine says, stored as ISO 8601 with its offset
 * (`2027-01-15T09:00:00+01:00`, src/content/model/datetime.ts). Never Decap's datetime widget,
 * which re-parses each keystroke (decap-cms#7939). Below the input, the time in words
 * (« Publication programmée le 15 janvier à 9 h », heure de Paris) and a « Retirer » button; an
 * unfinished or impossible time cannot be saved (`isValid`, the same French words as the checks).
 */
import { fromLocalText, instantIssue, instantText as instantTextOf, localText, parseInstant, scheduledSentence } from '../../src/content/model/datetime.ts';

/** The name config.yml gives the widget. */
export const DATETIME_WIDGET = 'eig-datetime';

interface FieldMap { get(key: string, fallback?: unknown): unknown }
interface ControlProps {
  value?: unknown; field: FieldMap; forID: string; classNameWrapper: string; parentIds?: unknown;
  onChange(value: string): void; setActiveStyle(): void; setInactiveStyle(): void;
}
interface Control { props: ControlProps; state: { typed?: string | undefined }; setState(s: { typed?: string | undefined }): void }
type Render = (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** What the input shows for a stored value: its Paris wall time (`2027-01-15T09:00`), '' when empty or unreadable. */
export function inputText(value: unknown): string {
  const d = parseInstant(value);
  return d ? localText(d) : '';
}

/** What is stored for what the input gives: ISO with offset, '' for empty, the raw text when it names no instant (refused by isValid). */
export function storedText(typed: string): string {
  if (typed.trim() === '') return '';
  const d = fromLocalText(typed);
  return d ? instantTextOf(d) : typed;
}

/** Why a stored value cannot be saved (French), or undefined ('' is for `required`). */
export function dateTimeIssue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && !parseInstant(value)) return 'date et heure incomplètes ou inexistantes (heure de Paris) : indiquez le jour, le mois, l’année, l’heure et les minutes';
  return instantIssue(value);
}

/** Registers the widget with Decap (before `CMS.init()`). */
export function registerDateTimeWidget(
  cms: { registerWidget(w: { name: string; controlComponent: unknown; previewComponent: unknown }): void },
  h: Render,
  createClass: (spec: Record<string, unknown>) => unknown,
): void {
  const controlComponent = createClass({
    getInitialState: () => ({}),
    isValid(this: Control) {
      const issue = dateTimeIssue(this.props.value);
      if (!issue) return true;
      const label = String(this.props.field.get('label', this.props.field.get('name')));
      return { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message: `${label} : ${issue}.` } };
    },
    render(this: Control) {
      const { forID, classNameWrapper, onChange, setActiveStyle, setInactiveStyle, value } = this.props;
      const instant = parseInstant(value);
      const hintId = `${forID}-eig-when`;
      const text = instant ? `${scheduledSentence(instant)} (heure de Paris).` : 'Aucune date : publication quand vous cliquez sur « Publier ».';
      return h('div', { className: classNameWrapper, style: { display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1rem', alignItems: 'center' } },
        h('input', {
          type: 'datetime-local', id: forID, value: this.state.typed ?? inputText(value), step: 60,
          'aria-describedby': hintId,
          style: { font: 'inherit', padding: '0.375rem 0.5rem', border: '1px solid #3a3a3a', borderRadius: '4px', background: '#fff', color: '#161616' },
          onChange: (e: { target: HTMLInputElement }) => { this.setState({ typed: e.target.value }); onChange(storedText(e.target.value)); },
          onFocus: setActiveStyle, onBlur: () => { this.setState({ typed: undefined }); setInactiveStyle(); },
        }),
        value ? h('button', {
          type: 'button', onClick: () => { this.setState({ typed: undefined }); onChange(''); },
          style: { font: 'inherit', padding: '0.25rem 0.75rem', border: '1px solid #000091', borderRadius: '4px', background: '#fff', color: '#000091', cursor: 'pointer' },
        }, 'Retirer la date') : null,
        h('span', { id: hintId, style: { flexBasis: '100%', fontSize: '0.875rem', color: '#3a3a3a' } }, text),
      );
    },
  });
  const previewComponent = (props: { value?: unknown }) => {
    const d = parseInstant(props.value);
    return h('time', { dateTime: d ? d.toISOString() : '' }, d ? scheduledSentence(d) : '');
  };
  cms.registerWidget({ name: DATETIME_WIDGET, controlComponent, previewComponent });
}
