// The chosen loss against the prediction, and its gradient beside it, both
// computed by the core; the fields that set the target, the prediction and
// the loss's own settings.
import { Chart, extent } from '../shared/chart';
import type { BackpropCore, CoreError, LossCurve, LossKind, LossSpecBatch } from '../shared/core-types';
import { isCoreError, overflowError } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { setups } from './kinds';

interface Field {
  id: string;
  label: string; // message key, or literal text
  input: HTMLInputElement;
  error: HTMLElement;
  row: HTMLElement;
}

const POINTS = 241;

/** A class index as a subscript: 0 → ₀. */
function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

export class CurvesView {
  readonly element: HTMLElement;
  private kind: LossKind = 'mse';
  private fields = new Map<string, Field>();
  readonly classSelect = h('select', { id: 'ce-class' });
  readonly varySelect = h('select', { id: 'ce-vary' });
  private ceRow: HTMLElement;
  private lossChart = new Chart({ className: 'loss-chart' });
  private gradChart = new Chart({ className: 'grad-chart' });
  private lossLine = s('path', { class: 'curve loss' });
  private gradLine = s('path', { class: 'curve grad' });
  private lossMarker = s('circle', { class: 'marker', r: 5 });
  private gradMarker = s('circle', { class: 'marker', r: 5 });
  private readout = h('p', { class: 'readout', 'aria-live': 'polite' });
  private figure: HTMLElement;
  /** The last curve that computed, kept while a field is wrong. */
  private curve: LossCurve | null = null;
  private at: { x: number; loss: number; grad: number } | null = null;

  constructor(private readonly t: Translate, private core: BackpropCore) {
    const field = (id: string, label: string) => {
      const input = h('input', { id: `field-${id}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `error-${id}` });
      const error = errorSlot(id);
      const row = h('div', { class: 'field' }, h('label', { for: input.id, 'data-i18n': label }), input, error);
      input.addEventListener('input', () => this.update());
      this.fields.set(id, { id, label, input, error, row });
      return row;
    };
    this.classSelect.addEventListener('change', () => this.update());
    this.varySelect.addEventListener('change', () => {
      this.syncPrediction();
      this.update();
    });
    this.ceRow = h(
      'div',
      { class: 'ce-fields' },
      field('logit0', 'losses.logit_0'),
      field('logit1', 'losses.logit_1'),
      field('logit2', 'losses.logit_2'),
      h('div', { class: 'field' }, h('label', { for: 'ce-class', 'data-i18n': 'losses.target_class' }), this.classSelect),
      h('div', { class: 'field' }, h('label', { for: 'ce-vary', 'data-i18n': 'losses.sweep' }), this.varySelect),
    );
    this.lossChart.onResize(() => this.draw());
    this.gradChart.onResize(() => this.draw());
    this.lossChart.plot.append(this.lossLine, this.lossMarker);
    this.gradChart.plot.append(this.gradLine, this.gradMarker);
    this.figure = h('div', { class: 'curves', id: 'curves' }, this.lossChart.element, this.gradChart.element);
    this.element = h(
      'section',
      { class: 'curves-section', 'aria-labelledby': 'curves-title', 'data-part': 'curves' },
      h('h2', { id: 'curves-title', 'data-i18n': 'losses.curves_title' }),
      h(
        'div',
        { class: 'controls', 'data-lock': 'curves' },
        field('target', 'losses.target'),
        field('prediction', 'losses.prediction'),
        field('beta', 'losses.beta'),
        field('label_smoothing', 'losses.label_smoothing'),
        this.ceRow,
      ),
      this.figure,
      this.readout,
    );
  }

  /** A field's input and its error slot: target, prediction, beta, label_smoothing, logit0 … logit2. */
  field(id: string): { input: HTMLInputElement; error: HTMLElement } {
    return this.fields.get(id)!;
  }

  private value(id: string): string {
    return this.fields.get(id)!.input.value;
  }

  setKind(kind: LossKind): void {
    this.kind = kind;
    const setup = setups[kind];
    const set = (id: string, v: string) => (this.fields.get(id)!.input.value = v);
    set('target', setup.target);
    set('prediction', setup.prediction);
    if (!this.value('beta')) set('beta', '1');
    if (!this.value('label_smoothing')) set('label_smoothing', '0');
    set('logit0', '2');
    set('logit1', '1');
    set('logit2', '-1');
    // Classes count from 0, as PyTorch's class indices do.
    const options = (select: HTMLSelectElement) =>
      select.replaceChildren(...[0, 1, 2].map((c) => h('option', { value: String(c) }, String(c))));
    options(this.classSelect);
    options(this.varySelect);
    const ce = kind === 'ce';
    this.fields.get('target')!.row.hidden = ce;
    this.fields.get('prediction')!.row.hidden = ce;
    this.fields.get('beta')!.row.hidden = kind !== 'smooth_l1';
    this.fields.get('label_smoothing')!.row.hidden = !ce;
    this.ceRow.hidden = !ce;
    this.curve = null;
    this.update();
  }

  /** Cross-entropy's logits, target class and label smoothing, as typed. */
  ceInputs(): { logits: string[]; target: number; smoothing: string } {
    return {
      logits: [0, 1, 2].map((c) => this.value(`logit${c}`)),
      target: Number(this.classSelect.value),
      smoothing: this.value('label_smoothing'),
    };
  }

  /** CE's marker sits at the swept logit's value. */
  private syncPrediction(): void {
    this.fields.get('prediction')!.input.value = this.value(`logit${this.varySelect.value}`);
  }

  /** The fields a core error belongs to (input[0] is the prediction, input[0][1] logit 1). */
  private fieldOf(error: CoreError): Field | undefined {
    const f = error.field;
    if (this.kind === 'ce') {
      const logit = /^(?:logits|input\[0\])\[(\d)\]$/.exec(f);
      if (logit) return this.fields.get(`logit${logit[1]}`);
    }
    if (f === 'input[0]') return this.fields.get('prediction');
    if (f === 'target[0]') return this.fields.get('target');
    return this.fields.get(f);
  }

  update(): void {
    for (const field of this.fields.values()) {
      field.error.textContent = '';
      field.input.setAttribute('aria-invalid', 'false');
    }
    if (this.kind === 'ce') this.syncPrediction();
    try {
      this.compute();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      const field = this.fieldOf(e);
      const message = `${errorMessage(e, undefined, this.t)} ${this.t('losses.invalid_kept')}`;
      if (field) {
        field.error.textContent = message;
        field.input.setAttribute('aria-invalid', 'true');
      } else {
        this.readout.textContent = message;
      }
    }
    this.draw();
  }

  /** The loss at the prediction shown, as the core was asked for it (null until it could be computed). */
  atSpec: LossSpecBatch | null = null;

  private compute(): void {
    this.atSpec = null;
    const setup = setups[this.kind];
    const options = {
      beta: this.kind === 'smooth_l1' ? this.value('beta') : undefined,
      label_smoothing: this.kind === 'ce' ? this.value('label_smoothing') : undefined,
    };
    if (this.kind === 'ce') {
      const logits = [0, 1, 2].map((c) => this.value(`logit${c}`));
      const target = Number(this.classSelect.value);
      const vary = Number(this.varySelect.value);
      const curve = this.core.lossCurve({ kind: 'ce', target, from: setup.from, to: setup.to, points: POINTS, logits, vary, ...options });
      const spec: LossSpecBatch = { kind: 'ce', input: [logits], target: [target], ...options };
      const at = this.core.loss(spec);
      const grad = (at.grad as number[][])[0][vary];
      this.checkFinite(curve, at.value, grad, `logits[${vary}]`, `logits[${vary}]`);
      this.atSpec = spec;
      this.curve = curve;
      this.at = { x: this.core.number(logits[vary], `logits[${vary}]`), loss: at.value, grad };
      return;
    }
    const target = this.value('target');
    const curve = this.core.lossCurve({ kind: this.kind, target, from: setup.from, to: setup.to, points: POINTS, ...options });
    const spec: LossSpecBatch = { kind: this.kind, input: [this.value('prediction')], target: [target], ...options };
    const at = this.core.loss(spec);
    const grad = (at.grad as number[])[0];
    this.checkFinite(curve, at.value, grad, 'target', 'prediction');
    this.atSpec = spec;
    this.curve = curve;
    // The prediction as the core read it: "−1" (U+2212, as the page prints it) is −1.
    this.at = { x: this.core.number(this.value('prediction'), 'prediction'), loss: at.value, grad };
  }

  /**
   * Numbers the core accepts can still overflow the loss (a target of
   * 1e200 squares past the largest double): an error beside the field, and
   * the last curve stays, rather than empty charts and a marker at NaN.
   */
  private checkFinite(curve: LossCurve, loss: number, grad: number, curveField: string, pointField: string): void {
    const all = (values: ArrayLike<number>) => Array.prototype.every.call(values, (v: number) => Number.isFinite(v));
    if (!all(curve.loss) || !all(curve.grad)) throw overflowError(curveField, this.t('losses.the_loss'));
    if (!Number.isFinite(loss) || !Number.isFinite(grad)) throw overflowError(pointField, this.t('losses.the_loss'));
  }

  private draw(): void {
    const curve = this.curve;
    if (!curve) return;
    const setup = setups[this.kind];
    const k = subscript(Number(this.varySelect.value));
    const xLabel = this.t(setup.axis, { k });
    const name = this.t(`loss.${this.kind}.name`);
    this.lossChart.labels(xLabel, this.t('losses.axis_loss'), this.t('losses.loss_chart_alt', { loss: name, x: xLabel }));
    this.gradChart.labels(xLabel, this.t(setup.gradAxis, { k }), this.t('losses.grad_chart_alt', { loss: name, x: xLabel, gradient: this.t(setup.gradAxis, { k }) }));
    const x: [number, number] = [setup.from, setup.to];
    const lossRange = extent(curve.loss);
    this.lossChart.domains(x, [Math.min(0, lossRange[0]), lossRange[1]]);
    this.gradChart.domains(x, extent(curve.grad));
    this.lossLine.setAttribute('d', this.lossChart.path(curve.x, curve.loss));
    this.gradLine.setAttribute('d', this.gradChart.path(curve.x, curve.grad));
    const at = this.at;
    const inside = at && at.x >= setup.from && at.x <= setup.to;
    for (const [marker, chart, y] of [
      [this.lossMarker, this.lossChart, at?.loss],
      [this.gradMarker, this.gradChart, at?.grad],
    ] as const) {
      marker.setAttribute('display', inside ? 'inline' : 'none');
      if (inside && at && y !== undefined) {
        marker.setAttribute('cx', String(chart.x(at.x)));
        marker.setAttribute('cy', String(chart.y(y)));
      }
    }
    if (at) {
      this.figure.dataset.loss = String(at.loss);
      this.figure.dataset.gradient = String(at.grad);
      this.readout.textContent = this.t('losses.readout', { x: exact(at.x), loss: exact(at.loss), grad: exact(at.grad) });
    }
  }
}
