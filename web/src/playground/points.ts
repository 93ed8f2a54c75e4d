// The student's own points: added by a click or at the keyboard's cursor,
// generated ones moved or removed, or a whole set pasted or opened as CSV.
// The edits are kept apart from the generated set (a link holds only them,
// the rest comes back from the seed) and written as the core reads them
// (core/data/points.hpp): "own", d<i>, m<i>,x,y, x,y,label, joined by "/".
// The core checks them, splits the points into training and test, and
// makes the data set; nothing here decides what a point is.
import type { BackpropCore, Dataset } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import type { Translate } from '../shared/i18n';
import type { Binding } from '../shared/widget';
import { css as rgb, drawPoint, palette } from './colours';
import { datasetSpec, DOMAIN, type Setup } from './model';
import type { Plane } from './plane';
import pointsCss from './points.css?inline';

export { pointsCss };

/** The most classes a point may have (the palette's colours and shapes). */
const MAX_CLASSES = 8;

interface Edits {
  own: boolean;
  removed: Set<number>;
  moved: Map<number, [number, number]>;
  added: [number, number, number][];
}

const none = (): Edits => ({ own: false, removed: new Set(), moved: new Map(), added: [] });

/** A number as the edits' text writes it: the shortest that reads back the same. */
const num = (v: number) => String(Object.is(v, -0) ? 0 : v);

/** On the plane, to a hundredth: a click's place, as a link keeps it. */
function snap(v: number): number {
  const [lo, hi] = [DOMAIN[0], DOMAIN[1]];
  return Math.min(hi, Math.max(lo, Math.round(v * 100) / 100));
}

export function editsText(e: Edits): string {
  const items: string[] = [];
  if (e.own) items.push('own');
  for (const i of [...e.removed].sort((a, b) => a - b)) items.push(`d${i}`);
  for (const [i, [x, y]] of [...e.moved].sort((a, b) => a[0] - b[0])) items.push(`m${i},${num(x)},${num(y)}`);
  for (const [x, y, l] of e.added) items.push(`${num(x)},${num(y)},${num(l)}`);
  return items.join('/');
}

/** The edits the core read (a data set made with csv or edits). */
function fromCore(d: Dataset): Edits {
  const e = none();
  if (!d.edits) return e;
  e.own = d.edits.own;
  for (const i of d.edits.removed) e.removed.add(i);
  const m = d.edits.moved;
  for (let j = 0; j + 2 < m.length; j += 3) e.moved.set(m[j], [m[j + 1], m[j + 2]]);
  const a = d.edits.added;
  for (let j = 0; j + 2 < a.length; j += 3) e.added.push([a[j], a[j + 1], a[j + 2]]);
  return e;
}

function copy(e: Edits): Edits {
  return { own: e.own, removed: new Set(e.removed), moved: new Map(e.moved), added: e.added.map((p) => [...p] as [number, number, number]) };
}

/** What the generated points come from: edits of them hold only for the same. */
function generator(s: Setup): string {
  return `${s.kind}|${s.classes}|${s.noise}|${s.seed}`;
}

export interface PointHost {
  setup(): Setup;
  /**
   * The edits changed: the widget makes the data set again (`done`: not in
   * the middle of a drag; `fresh`: a new set, trained from a fresh network).
   * Throws the core's error, changing nothing.
   */
  changed(done: boolean, fresh: boolean): void;
}

export class PointEditor {
  /** The toolbar beside the plane: editing on or off, the class (or value) of a new point, back to the generated points. */
  readonly toolbar: HTMLElement;
  /** The CSV's field, for the data's section. */
  readonly csvPanel: HTMLElement;
  private edits = none();
  private key = '';
  /** On at first where a pointer is fine; on a touch screen, dragging on the plane would stop it scrolling the page. */
  /** Editing is a mode the student turns on: otherwise a click on a point picks it (the chain rule's example), and a phone's plane scrolls. */
  private editing = false;
  private newClass = 0;
  private editToggle = h('button', { type: 'button', id: 'pg-edit-points', class: 'pg-edit-toggle' });
  private hint = h('p', { class: 'hint', id: 'pg-points-hint' });
  /** Every hint the toolbar can show, unseen, in the hint's place: the place is as tall as the longest, so the plane below never moves. */
  private hintSizers = h('div', { class: 'pg-points-sizers', 'aria-hidden': 'true' });
  private classes = h('div', { class: 'pg-class-picker', id: 'pg-class-picker', role: 'radiogroup' });
  private valueField = h('input', { type: 'text', id: 'pg-point-value', value: '1', autocomplete: 'off', spellcheck: 'false', inputmode: 'decimal', 'aria-describedby': 'error-pg-point-value' });
  private valueBox: HTMLElement;
  private clearButton = h('button', { type: 'button', id: 'pg-clear-points' });
  private csvText = h('textarea', { id: 'pg-csv', rows: 5, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'pg-csv-hint error-pg-csv' });
  private csvHint = h('p', { class: 'hint', id: 'pg-csv-hint' });
  private csvFile = h('input', { type: 'file', id: 'pg-csv-file', class: 'visually-hidden', accept: '.csv,.txt,.tsv,text/csv,text/plain' });
  private csvUse = h('button', { type: 'button', id: 'pg-csv-use' });
  private csvStatus = h('p', { class: 'hint', id: 'pg-csv-status', role: 'status' });

  constructor(
    private core: BackpropCore,
    private t: Translate,
    private plane: Plane,
    private host: PointHost,
  ) {
    this.valueBox = h(
      'div',
      { class: 'field pg-point-value' },
      h('label', { for: 'pg-point-value', 'data-i18n': 'playground.point_value_label' }),
      this.valueField,
      errorSlot('pg-point-value'),
    );
    this.toolbar = h(
      'div',
      { class: 'pg-points-bar', 'data-part': 'data plane', 'data-lock': 'data' },
      h('div', { class: 'pg-points-buttons' }, this.editToggle, this.clearButton),
      h('div', { class: 'pg-points-pick' }, this.classes, this.valueBox),
      h('div', { class: 'pg-points-hint' }, this.hint, this.hintSizers),
    );
    this.csvPanel = h(
      'details',
      { class: 'pg-csv', id: 'pg-csv-panel' },
      h('summary', { 'data-i18n': 'playground.csv_title' }),
      h('label', { for: 'pg-csv', class: 'pg-csv-label', 'data-i18n': 'playground.csv_label' }),
      this.csvText,
      this.csvHint,
      errorSlot('pg-csv'),
      h('div', { class: 'buttons' }, this.csvUse, h('label', { class: 'pg-csv-file' }, h('span', { 'data-i18n': 'playground.csv_open' }), this.csvFile)),
      this.csvStatus,
    );
    this.editToggle.addEventListener('click', () => {
      this.editing = !this.editing;
      this.render();
    });
    this.clearButton.addEventListener('click', () => {
      this.apply(none(), true, () => this.t('playground.points_cleared'), true);
      // The button is off now: the focus goes on to the plane.
      this.plane.element.querySelector<HTMLElement>('#plane')?.focus();
    });
    this.valueField.addEventListener('input', () => this.value());
    this.csvUse.addEventListener('click', () => this.useCsv());
    this.csvFile.addEventListener('change', async () => {
      const file = this.csvFile.files?.[0];
      if (!file) return;
      this.csvText.value = await file.text();
      this.csvFile.value = '';
      this.useCsv();
    });
    plane.input = {
      editing: () => this.editing && !this.toolbar.inert,
      add: (x, y) => this.add(x, y),
      move: (i, x, y, done) => this.move(i, x, y, done),
      remove: (i) => this.remove(i),
      key: (e) => this.key_(e),
    };
    this.render();
  }

  /** The edits' text for the setup: edits of generated points that the setup no longer makes are dropped. */
  textFor(setup: Setup): string {
    const k = generator(setup);
    if (k !== this.key) {
      if (this.key && this.key.split('|')[0] !== setup.kind) this.edits = none();
      else if (this.key) {
        this.edits.removed.clear();
        this.edits.moved.clear();
      }
      this.key = k;
    }
    return editsText(this.edits);
  }

  /** Back to the generated points (the widget's reset). */
  clear(): void {
    this.edits = none();
    this.key = '';
  }

  /** The address's key: the edits, checked by the core against the setup's data set. */
  binding(): Binding {
    return {
      key: 'points',
      get: () => editsText(this.edits),
      fallback: () => '',
      set: (text) => {
        try {
          const setup = this.host.setup();
          const d = this.core.dataset({ ...datasetSpec(setup), edits: text });
          this.edits = fromCore(d);
          this.key = generator(setup);
          return null;
        } catch (e) {
          if (!isCoreError(e)) throw e;
          return (t) => errorMessage(e, undefined, t);
        }
      },
    };
  }

  /** The data set changed (made again): the class picker follows its classes. */
  update(): void {
    this.render();
  }

  retranslate(): void {
    this.render();
  }

  // The edits.

  /** Tries the edits: the core makes the data set from them, or they are undone and its reason is said. */
  private apply(next: Edits, done: boolean, said?: () => string, fresh = false): boolean {
    const before = this.edits;
    this.edits = next;
    try {
      this.host.changed(done, fresh);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      this.edits = before;
      this.host.changed(true, false);
      this.plane.announce(this.t('playground.point_refused', { reason: errorMessage(e, undefined, this.t) }));
      return false;
    }
    this.render();
    if (said) this.plane.announce(said());
    return true;
  }

  private label(): number | null {
    const d = this.plane.dataset;
    if (d?.regression) {
      const v = this.value();
      return v;
    }
    return this.newClass;
  }

  private add(x: number, y: number): void {
    const label = this.label();
    if (label === null) {
      this.plane.announce(this.t('playground.point_value_wrong'));
      return;
    }
    const next = copy(this.edits);
    const at: [number, number, number] = [snap(x), snap(y), label];
    next.added.push(at);
    this.apply(next, true, () => {
      const d = this.plane.dataset!;
      return `${this.t('playground.point_added')} ${this.plane.describePoint(d.x.length - 1)}. ${this.counts(d)}`;
    });
  }

  /** The generated index of point i, or −(k + 1) for added point k. */
  private origin(i: number): number {
    const d = this.plane.dataset!;
    return d.origin ? d.origin[i] : i;
  }

  private move(i: number, x: number, y: number, done: boolean): void {
    const next = copy(this.edits);
    const o = this.origin(i);
    const [sx, sy] = [snap(x), snap(y)];
    if (o >= 0) next.moved.set(o, [sx, sy]);
    else next.added[-o - 1] = [sx, sy, next.added[-o - 1][2]];
    this.apply(next, done, done ? () => `${this.t('playground.point_moved')} ${this.plane.describePoint(i)}` : undefined);
  }

  private remove(i: number): void {
    const next = copy(this.edits);
    const o = this.origin(i);
    if (o >= 0) {
      next.removed.add(o);
      next.moved.delete(o);
    } else {
      next.added.splice(-o - 1, 1);
    }
    this.apply(next, true, () => `${this.t('playground.point_removed')} ${this.counts(this.plane.dataset!)}`);
  }

  private counts(d: Dataset): string {
    return this.t('playground.point_counts', { train: d.train.length, test: d.test.length });
  }

  /** Digits 0 … 7 choose the class of a new point. */
  private key_(e: KeyboardEvent): boolean {
    const d = this.plane.dataset;
    if (!d || d.regression || !/^[0-7]$/.test(e.key)) return false;
    const k = Number(e.key);
    if (k > this.maxClass()) return false;
    this.newClass = k;
    this.render();
    this.plane.announce(this.t('playground.point_class_chosen', { k }));
    return true;
  }

  /** The largest class a new point may have: the data's classes and one more. */
  private maxClass(): number {
    const d = this.plane.dataset;
    return Math.min(MAX_CLASSES - 1, d ? d.classes : 1);
  }

  /** A regression point's value as typed, read by the core; null (and the error beside the field) when it is not a number. */
  private value(): number | null {
    const slot = this.valueBox.querySelector('.field-error')!;
    try {
      const v = this.core.number(this.valueField.value, 'value');
      slot.textContent = '';
      this.valueField.removeAttribute('aria-invalid');
      return v;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      slot.textContent = errorMessage(e, this.t('playground.point_value_label'), this.t);
      this.valueField.setAttribute('aria-invalid', 'true');
      return null;
    }
  }

  private useCsv(): void {
    const slot = this.csvPanel.querySelector<HTMLElement>('#error-pg-csv')!;
    let d: Dataset;
    try {
      d = this.core.dataset({ ...datasetSpec(this.host.setup()), csv: this.csvText.value });
    } catch (e) {
      if (!isCoreError(e)) throw e;
      // The points stay the last ones the core took.
      slot.textContent = errorMessage(e, undefined, this.t);
      this.csvText.setAttribute('aria-invalid', 'true');
      this.csvStatus.textContent = '';
      return;
    }
    slot.textContent = '';
    this.csvText.removeAttribute('aria-invalid');
    if (this.apply(fromCore(d), true, undefined, true)) {
      const now = this.plane.dataset!;
      this.csvStatus.textContent = this.t('playground.csv_used', { n: now.x.length, train: now.train.length, test: now.test.length });
    }
  }

  // The toolbar.

  private render(): void {
    const t = this.t;
    const d = this.plane.dataset;
    this.editToggle.textContent = t('playground.edit_points');
    this.editToggle.setAttribute('aria-pressed', String(this.editing));
    this.plane.element.classList.toggle('editing', this.editing);
    this.hint.textContent = t(this.editing ? 'playground.edit_hint' : this.plane.onPick ? 'playground.pick_hint' : 'playground.view_hint');
    const regression = d?.regression ?? false;
    this.hintSizers.replaceChildren(...['playground.edit_hint', 'playground.pick_hint', 'playground.view_hint'].map((key) => h('p', { class: 'hint' }, t(key))));
    // Out of sight but in their place (the row keeps its height): the class to add, or the value.
    this.valueBox.classList.toggle('unseen', !regression || !this.editing);
    this.classes.classList.toggle('unseen', regression || !this.editing);
    this.valueBox.hidden = regression ? false : true;
    this.classes.hidden = regression;
    this.classes.setAttribute('aria-label', t('playground.point_class'));
    if (!regression) {
      const max = this.maxClass();
      if (this.newClass > max) this.newClass = 0;
      const p = palette(this.plane.element);
      this.classes.replaceChildren(
        ...Array.from({ length: max + 1 }, (_, k) => {
          const swatch = h('canvas', { class: 'swatch', width: 36, height: 36, 'aria-hidden': 'true' });
          const ctx = swatch.getContext('2d')!;
          ctx.scale(2, 2);
          ctx.fillStyle = rgb(p.mid);
          ctx.fillRect(0, 0, 18, 18);
          drawPoint(ctx, p, k, 9, 9, 4.5, p.classes[k % p.classes.length], false);
          const isNew = d !== null && k >= d.classes;
          const button = h(
            'button',
            { type: 'button', role: 'radio', 'aria-checked': String(k === this.newClass), 'data-class': k, tabindex: k === this.newClass ? 0 : -1 },
            swatch,
            t(isNew ? 'playground.new_class' : 'playground.class', { k }),
          );
          button.addEventListener('click', () => {
            this.newClass = k;
            this.render();
            this.classes.querySelector<HTMLElement>(`[data-class="${k}"]`)?.focus();
          });
          button.addEventListener('keydown', (e) => {
            const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
            if (!step) return;
            e.preventDefault();
            this.newClass = (k + step + max + 1) % (max + 1);
            this.render();
            this.classes.querySelector<HTMLElement>(`[data-class="${this.newClass}"]`)?.focus();
          });
          return button;
        }),
      );
    }
    const edited = this.edits.own || this.edits.removed.size > 0 || this.edits.moved.size > 0 || this.edits.added.length > 0;
    this.clearButton.textContent = t('playground.points_clear');
    this.clearButton.disabled = !edited;
    this.csvHint.textContent = t(regression ? 'playground.csv_hint_values' : 'playground.csv_hint_classes');
    this.csvUse.textContent = t('playground.csv_use');
    for (const el of [this.toolbar, this.csvPanel]) {
      for (const node of el.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n!);
    }
  }
}
