/**
 * The back-office's date widget (`widget: eig-date`, given to every date field of the model by
 * decap-config.ts): the browser's own `<input type="date">`, shown in the browser's language
 * (jj/mm/aaaa in French), stored as YYYY-MM-DD exactly as the input gives it. Decap 3.16's
 * datetime widget re-parses each keystroke (decap-cms#7939: « 10/10/2027 » typed became
 * 1907-10-10); this one never parses what is typed. Its `min`/`max` are the field's period in the
 * model, and the draft cannot be saved with a date outside it: `isValid` gives Decap the same
 * French sentence as the content checks (src/content/model/date-range.ts), shown on the field.
 */
import { dateBound, dateRangeIssue } from '../../src/content/model/date-range.ts';
import { DEFAULT_DATE_RANGE, type DateRange } from '../../src/content/model/fields.ts';

/** The name config.yml gives the widget. */
export const DATE_WIDGET = 'eig-date';

/** What Decap gives a field's config (an Immutable Map). */
interface FieldMap { get(key: string, fallback?: unknown): unknown }
interface DateControlProps {
  value?: unknown; field: FieldMap; forID: string; classNameWrapper: string; parentIds?: unknown;
  onChange(value: string): void; setActiveStyle(): void; setInactiveStyle(): void;
}
type Render = (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The stored value as YYYY-MM-DD ('' when empty): a string as written, a Date (YAML) as its day. */
export function dateText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value.trim().slice(0, 10) : '';
}

/** The field's period: `date_min` / `date_max` from config.yml, else the model's default. */
export function fieldRange(field: FieldMap): DateRange {
  const min = field.get('date_min');
  const max = field.get('date_max');
  return { min: typeof min === 'string' ? min : DEFAULT_DATE_RANGE.min, max: typeof max === 'string' ? max : DEFAULT_DATE_RANGE.max };
}

/** Why a stored value cannot be saved (French), or undefined; '' (no date) is for `required`. */
export function dateIssue(text: string, range: DateRange, now = new Date()): string | undefined {
  if (text === '') return undefined;
  const m = ISO.exec(text);
  const d = m ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m![3])) return 'date incomplète ou invalide : indiquez le jour, le mois et l’année';
  return dateRangeIssue(d, range, now);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Registers the widget with Decap (before `CMS.init()`). */
export function registerDateWidget(
  cms: { registerWidget(w: { name: string; controlComponent: unknown; previewComponent: unknown; schema?: unknown }): void },
  h: Render,
  createClass: (spec: Record<string, unknown>) => unknown,
): void {
  const controlComponent = createClass({
    // Called by Decap's Widget when the draft is saved (create-react-class binds it to this control).
    isValid(this: { props: DateControlProps }) {
      const issue = dateIssue(dateText(this.props.value), fieldRange(this.props.field));
      if (!issue) return true;
      const label = String(this.props.field.get('label', this.props.field.get('name')));
      return { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message: `${label} : ${issue}.` } };
    },
    render(this: { props: DateControlProps }) {
      const { forID, classNameWrapper, field, onChange, setActiveStyle, setInactiveStyle } = this.props;
      const range = fieldRange(field);
      return h('input', {
        type: 'date', id: forID, className: classNameWrapper, value: dateText(this.props.value),
        min: iso(dateBound(range.min)), max: iso(dateBound(range.max)),
        onChange: (e: { target: HTMLInputElement }) => onChange(e.target.value),
        onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });
  const previewComponent = (props: { value?: unknown }) => {
    const text = dateText(props.value);
    return h('time', { dateTime: text }, ISO.test(text) ? DAY.format(new Date(`${text}T00:00:00Z`)) : text);
  };
  cms.registerWidget({
    name: DATE_WIDGET, controlComponent, previewComponent,
    schema: { properties: { date_min: { type: 'string' }, date_max: { type: 'string' } } },
  });
}
