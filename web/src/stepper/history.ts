// Iterations: the count, E_total so far as a small chart, and the buttons
// that run more updates (the core runs them).
import { decimate, finiteRange } from '../shared/series';
import { h, s } from '../shared/dom';
import { exact, short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import type { StepperModel } from './model';

const H = 120;
/** The left margin: room for the ticks' text. */
const LEFT = 52;

export class HistoryView {
  readonly element: HTMLElement;
  private title = h('h2', { id: 'history-title' });
  private summary = h('p', { class: 'history-summary' });
  /** Drawn at the width it has, so its text keeps its size. */
  private chart = s('svg', { class: 'history-chart', role: 'img' });
  private drawnWidth = 0;
  /** The chart's width when last laid out (0: not yet), as the observer saw it: reading it while rendering would force a layout of the page. */
  private laidOutWidth = 0;
  private diverged = h('p', { class: 'field-error', role: 'alert' });
  private runButton = h('button', { type: 'button', id: 'run-more' });

  constructor(
    private readonly t: Translate,
    private model: StepperModel,
    onReset: () => void,
  ) {
    this.runButton.addEventListener('click', () => {
      model.run(100);
      this.render();
    });
    this.element = h(
      'section',
      { class: 'history', 'aria-labelledby': 'history-title' },
      this.title,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', id: 'next-iteration', class: 'primary', onclick: () => {
          model.nextIteration();
          this.render();
        }, 'data-i18n': 'stepper.next_iteration' }),
        this.runButton,
        h('button', { type: 'button', id: 'reset', onclick: onReset, 'data-i18n': 'stepper.reset' }),
      ),
      this.summary,
      this.chart,
      this.diverged,
    );
    new ResizeObserver(() => {
      this.laidOutWidth = this.chart.clientWidth;
      if (Math.abs(this.laidOutWidth - this.drawnWidth) > 0.5) this.render();
    }).observe(this.chart);
  }

  render(): void {
    const { model } = this;
    const E = model.history;
    this.title.textContent = this.t('stepper.iteration', { n: model.iteration });
    this.runButton.textContent = this.t('stepper.run_more', { n: 100 });
    this.summary.textContent =
      model.iteration === 0
        ? this.t('stepper.history_start', { value: exact(E[0]) })
        : this.t('stepper.history_summary', { first: exact(E[0]), last: exact(E[E.length - 1]), n: model.iteration });
    this.diverged.textContent = model.stopped
      ? this.t('stepper.overflow_update', { what: model.stopped.params.what ?? '' })
      : model.divergedAt === null
        ? ''
        : model.stopReason === 'diverged'
          ? this.t('stepper.diverged', { n: model.divergedAt })
          : this.t('stepper.stopped', { why: this.t(`stop.${model.stopReason ?? 'undefined'}`, { step: model.divergedAt }) });

    // E_total against the iteration, on a log scale when it spans decades; drawn once the chart is laid out.
    if (!this.laidOutWidth) return;
    this.drawnWidth = this.laidOutWidth;
    const W = Math.max(200, this.drawnWidth || 320);
    this.chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
    // One pass over a history of any length (no spread into Math.max: past ~125,000 values it overflows the stack).
    const [min, max] = finiteRange(E) ?? [0, 0];
    const log = min > 0 && max / min > 20;
    const y = (v: number) => {
      const lo = log ? Math.log10(min) : 0;
      const hi = log ? Math.log10(max) : max;
      const x = log ? Math.log10(v) : v;
      return hi === lo ? H / 2 : 12 + (H - 32) * (1 - (x - lo) / (hi - lo));
    };
    const x = (i: number) => LEFT + ((W - LEFT - 10) * i) / Math.max(1, E.length - 1);
    // At most a few points per pixel column, finite ones only (an attribute never holds NaN).
    const indices = Array.from({ length: E.length }, (_, i) => i);
    const points = decimate(indices, E, W - LEFT - 10)
      .map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
    this.chart.setAttribute('aria-label', this.summary.textContent);
    const bottom = H - 20;
    this.chart.replaceChildren(
      s('line', { x1: LEFT, y1: bottom, x2: W - 10, y2: bottom, class: 'axis' }),
      s('line', { x1: LEFT, y1: 8, x2: LEFT, y2: bottom, class: 'axis' }),
      // One tick when the values are one value (iteration 0), else the largest and the smallest.
      s('text', { x: LEFT - 5, y: max === min ? y(max) + 4 : 17, 'text-anchor': 'end', class: 'tick' }, short(max, 3)),
      ...(max === min ? [] : [s('text', { x: LEFT - 5, y: bottom, 'text-anchor': 'end', class: 'tick' }, short(min, 3))]),
      s('text', { x: LEFT, y: H - 4, 'text-anchor': 'middle', class: 'tick' }, '0'),
      ...(E.length > 1 ? [s('text', { x: W - 10, y: H - 4, 'text-anchor': 'end', class: 'tick' }, String(E.length - 1))] : []),
      E.length > 1 ? s('polyline', { points, class: 'line' }) : s('circle', { cx: x(0), cy: y(E[0]), r: 3, class: 'dot' }),
    );
  }
}
