// The outlier demo: a line y = a x + b fitted to the points by gradient
// descent in the core, under MSE, MAE and SmoothL1 at once. The student drags
// the outlier (or moves it with the arrow keys) and sees MSE's line pulled
// toward it; how far each loss stays above its lowest value, step by step and
// on its own axis, shows MAE's jittery finish.
import { Chart, finiteRange } from '../shared/chart';
import type { BackpropCore, LineFitResult } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { reducedMotion } from '../shared/motion';

const LOSSES = ['mse', 'mae', 'smooth_l1'] as const;
// Nine points near y = 0.6 x + 0.2.
const XS = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
const NOISE = [0.04, -0.03, 0.05, -0.02, 0.01, -0.05, 0.03, -0.04, 0.02];
const POINTS = XS.map((x, i) => [x, 0.6 * x + 0.2 + NOISE[i]]);
export const START_OUTLIER: [number, number] = [0.8, -1.6];
const ANIMATION_MS = 1600;

export class OutlierDemo {
  readonly element: HTMLElement;
  private figure: HTMLElement;
  private plot = new Chart({ width: 440, height: 320, className: 'scatter', interactive: true });
  /** One chart per loss: their units differ (MSE squares the error), so each has its own axis. */
  private steps = new Map(LOSSES.map((loss) => [loss, new Chart({ width: 440, height: 150, className: `steps steps-${loss}` })]));
  outlier: [number, number] = [...START_OUTLIER];
  private outlierMark = s('circle', { class: 'outlier', r: 9, tabindex: 0, role: 'button' });
  private lines = new Map<string, SVGLineElement>();
  private stepLines = new Map<string, SVGPathElement>();
  private legend = h('ul', { class: 'legend' });
  readonly fields = new Map<string, HTMLInputElement>();
  readonly error = h('p', { class: 'field-error', role: 'alert' });
  private fits: LineFitResult[] = [];
  private frame = 0;

  constructor(private readonly t: Translate, private core: BackpropCore) {
    for (const loss of LOSSES) {
      this.lines.set(loss, s('line', { class: `fit ${loss}` }));
      this.stepLines.set(loss, s('path', { class: `curve ${loss}` }));
    }
    const dots = POINTS.map(([x, y]) => ({ x, y, el: s('circle', { class: 'point', r: 5 }) }));
    this.plot.plot.append(...this.lines.values(), ...dots.map((d) => d.el), this.outlierMark);
    for (const loss of LOSSES) this.steps.get(loss)!.plot.append(this.stepLines.get(loss)!);
    this.plot.domains([-1.2, 1.2], [-2.5, 2.5]);
    const place = () => {
      for (const d of dots) {
        d.el.setAttribute('cx', String(this.plot.x(d.x)));
        d.el.setAttribute('cy', String(this.plot.y(d.y)));
      }
    };
    place();
    this.plot.onResize(() => {
      place();
      this.placeOutlier();
      this.drawLines(Math.max(0, ...this.fits.map((f) => f.a.length - 1)));
    });
    for (const chart of this.steps.values()) chart.onResize(() => this.drawSteps());
    this.bindDrag();

    const field = (id: string, label: string, value: string) => {
      const input = h('input', { id: `field-${id}`, type: 'text', inputmode: 'decimal', value, 'aria-describedby': 'outlier-error' });
      input.addEventListener('input', () => this.fit(true));
      this.fields.set(id, input);
      return h('div', { class: 'field' }, h('label', { for: input.id, 'data-i18n': label }), input);
    };
    this.error.id = 'outlier-error';
    this.figure = h(
      'div',
      { class: 'outlier-figures', id: 'outlier-demo' },
      this.plot.element,
      h('figure', { class: 'steps-charts' }, h('figcaption', { 'data-i18n': 'losses.steps_caption' }), ...[...this.steps.values()].map((c) => c.element)),
    );
    this.element = h(
      'section',
      { class: 'demo outlier-section', 'aria-labelledby': 'outlier-title', 'data-part': 'demo', 'data-lock': 'demo' },
      h('h2', { id: 'outlier-title', 'data-i18n': 'losses.outlier_title' }),
      h('p', { 'data-i18n': 'losses.outlier_intro' }),
      h(
        'div',
        { class: 'controls' },
        field('fit-rate', 'losses.learning_rate', '0.1'),
        field('fit-steps', 'losses.steps', '500'),
        field('fit-beta', 'losses.beta', '0.25'),
        h('button', { type: 'button', id: 'replay', onclick: () => this.fit(true), 'data-i18n': 'losses.replay' }),
        h('button', { type: 'button', id: 'reset-outlier', onclick: () => this.moveOutlier(...START_OUTLIER, true), 'data-i18n': 'losses.reset_outlier' }),
      ),
      this.error,
      this.figure,
      this.legend,
      h('p', { class: 'hint', 'data-i18n': 'losses.outlier_reading' }),
    );
  }

  private bindDrag(): void {
    const mark = this.outlierMark;
    mark.addEventListener('pointerdown', (event) => {
      mark.setPointerCapture(event.pointerId);
      mark.classList.add('dragging');
    });
    mark.addEventListener('pointermove', (event) => {
      if (!mark.hasPointerCapture(event.pointerId)) return;
      const [x, y] = this.plot.invert(event);
      this.moveOutlier(x, y, false);
    });
    const end = (event: PointerEvent) => {
      if (!mark.hasPointerCapture(event.pointerId)) return;
      mark.releasePointerCapture(event.pointerId);
      mark.classList.remove('dragging');
      this.fit(true);
    };
    mark.addEventListener('pointerup', end);
    mark.addEventListener('pointercancel', end);
    mark.addEventListener('keydown', (event) => {
      const moves: Record<string, [number, number]> = {
        ArrowUp: [0, 0.1],
        ArrowDown: [0, -0.1],
        ArrowLeft: [-0.1, 0],
        ArrowRight: [0.1, 0],
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      // Steps of 0.1, kept on the 0.01 grid so the position reads cleanly.
      const round = (v: number) => Math.round(v * 100) / 100;
      this.moveOutlier(round(this.outlier[0] + move[0]), round(this.outlier[1] + move[1]), true);
    });
  }

  /** Moves the outlier (kept inside the plot) and refits. */
  moveOutlier(x: number, y: number, animate: boolean): void {
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    this.outlier = [clamp(x, -1.2, 1.2), clamp(y, -2.5, 2.5)];
    this.fit(animate);
  }

  /** Fits the three lines in the core; draws the result, animated or at once. */
  fit(animate: boolean): void {
    const [ox, oy] = this.outlier;
    this.placeOutlier();
    this.outlierMark.setAttribute('aria-label', this.t('losses.outlier_label', { x: short(ox, 3), y: short(oy, 3) }));
    try {
      this.fits = this.core.fitLines({
        points: [...POINTS, this.outlier],
        losses: [...LOSSES],
        learning_rate: this.fields.get('fit-rate')!.value,
        beta: this.fields.get('fit-beta')!.value,
        steps: this.fields.get('fit-steps')!.value,
      }).fits;
      this.error.textContent = '';
    } catch (e) {
      if (!isCoreError(e)) throw e;
      this.error.textContent = `${errorMessage(e, undefined, this.t)} ${this.t('losses.invalid_kept')}`;
      return;
    }
    // data-slope-mse, data-slope-mae, data-slope-smooth_l1 (and the intercepts): the fitted lines.
    for (const f of this.fits) {
      this.figure.setAttribute(`data-slope-${f.loss}`, String(f.a.at(-1)));
      this.figure.setAttribute(`data-intercept-${f.loss}`, String(f.b.at(-1)));
    }
    this.figure.dataset.outlier = `${ox},${oy}`;
    this.element.dispatchEvent(new Event('refit'));
    this.drawSteps();
    this.renderLegend();
    cancelAnimationFrame(this.frame);
    const last = Math.max(...this.fits.map((f) => f.a.length - 1));
    const reduced = reducedMotion();
    if (!animate || reduced || last === 0) {
      this.drawLines(last);
      return;
    }
    const start = performance.now();
    const tick = (now: number) => {
      const step = Math.min(last, Math.round((last * (now - start)) / ANIMATION_MS));
      this.drawLines(step);
      if (step < last) this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private placeOutlier(): void {
    this.outlierMark.setAttribute('cx', String(this.plot.x(this.outlier[0])));
    this.outlierMark.setAttribute('cy', String(this.plot.y(this.outlier[1])));
  }

  private drawLines(step: number): void {
    for (const f of this.fits) {
      const i = Math.min(step, f.a.length - 1);
      const a = f.a[i];
      const b = f.b[i];
      const el = this.lines.get(f.loss)!;
      const y1 = a * -1.2 + b;
      const y2 = a * 1.2 + b;
      // A fit that ran away can reach slopes whose line overflows: nothing to draw then.
      const drawable = Number.isFinite(y1) && Number.isFinite(y2);
      el.setAttribute('visibility', drawable ? 'visible' : 'hidden');
      if (!drawable) continue;
      el.setAttribute('x1', String(this.plot.x(-1.2)));
      el.setAttribute('x2', String(this.plot.x(1.2)));
      el.setAttribute('y1', String(this.plot.y(y1)));
      el.setAttribute('y2', String(this.plot.y(y2)));
    }
  }

  private drawSteps(): void {
    if (!this.fits.length) return;
    const last = Math.max(...this.fits.map((f) => f.E.length - 1));
    for (const f of this.fits) {
      // How far each loss is above its own lowest value, on its own log axis:
      // a fit that settles falls off the bottom (0 has no logarithm); MAE keeps bouncing.
      const chart = this.steps.get(f.loss)!;
      // In one pass: up to 100,000 steps, too many to spread into Math.min.
      const [lo, hi] = finiteRange(f.above_lowest, (v) => v > 0) ?? [1e-3, 1];
      chart.domains([0, Math.max(1, last)], [lo / 2, hi * 2], true);
      this.stepLines.get(f.loss)!.setAttribute('d', chart.path(Array.from(f.above_lowest, (_, i) => i), f.above_lowest));
    }
  }

  private renderLegend(): void {
    this.legend.replaceChildren(
      ...this.fits.map((f) =>
        h(
          'li',
          { class: f.loss },
          s('svg', { viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true' }, s('line', { x1: 0, y1: 5, x2: 30, y2: 5, class: `fit ${f.loss}` })),
          ` ${this.t(`loss.${f.loss}.short`)}: `,
          this.t('losses.fit_result', { a: short(f.a.at(-1)!, 4), b: short(f.b.at(-1)!, 4), E: short(f.E.at(-1)!, 4) }),
          f.diverged_at === null ? '' : ` — ${this.t(`stop.${f.stop_reason ?? 'diverged'}`, { step: f.diverged_at })}`,
        ),
      ),
    );
  }

  render(): void {
    this.plot.labels('x', 'y', this.t('losses.scatter_alt'));
    for (const [loss, chart] of this.steps) {
      const name = this.t(`loss.${loss}.short`);
      chart.labels(this.t('losses.axis_step'), this.t('losses.axis_loss_log', { loss: name }), this.t('losses.steps_alt', { loss: name }));
    }
    this.fit(false);
  }
}
