// Iterations: the count, E_total so far as a small chart, and the buttons
// that run more updates (the core runs them).
import { h, s } from '../shared/dom';
import { exact, short } from '../shared/format';
import { t } from '../shared/i18n';
import type { StepperModel } from './model';

const W = 320;
const H = 110;

export class HistoryView {
  readonly element: HTMLElement;
  private title = h('h2', { id: 'history-title' });
  private summary = h('p', { class: 'history-summary' });
  private chart = s('svg', { class: 'history-chart', viewBox: `0 0 ${W} ${H}`, role: 'img' });
  private diverged = h('p', { class: 'field-error', role: 'alert' });
  private runButton = h('button', { type: 'button', id: 'run-more' });

  constructor(
    private model: StepperModel,
    onReset: () => void,
  ) {
    this.runButton.addEventListener('click', () => model.run(100));
    this.element = h(
      'section',
      { class: 'history', 'aria-labelledby': 'history-title' },
      this.title,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', id: 'next-iteration', class: 'primary', onclick: () => model.nextIteration(), 'data-i18n': 'stepper.next_iteration' }),
        this.runButton,
        h('button', { type: 'button', id: 'reset', onclick: onReset, 'data-i18n': 'stepper.reset' }),
      ),
      this.summary,
      this.chart,
      this.diverged,
    );
  }

  render(): void {
    const { model } = this;
    const E = model.history;
    this.title.textContent = t('stepper.iteration', { n: model.iteration });
    this.runButton.textContent = t('stepper.run_more', { n: 100 });
    this.summary.textContent =
      model.iteration === 0
        ? t('stepper.history_start', { value: exact(E[0]) })
        : t('stepper.history_summary', { first: exact(E[0]), last: exact(E[E.length - 1]), n: model.iteration });
    this.diverged.textContent = model.divergedAt === null ? '' : t('stepper.diverged', { n: model.divergedAt });

    // E_total against the iteration, on a log scale when it spans decades.
    const max = Math.max(...E);
    const min = Math.min(...E);
    const log = min > 0 && max / min > 20;
    const y = (v: number) => {
      const lo = log ? Math.log10(min) : 0;
      const hi = log ? Math.log10(max) : max;
      const x = log ? Math.log10(v) : v;
      return hi === lo ? H / 2 : 10 + (H - 25) * (1 - (x - lo) / (hi - lo));
    };
    const x = (i: number) => 36 + ((W - 46) * i) / Math.max(1, E.length - 1);
    const points = E.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    this.chart.setAttribute('aria-label', this.summary.textContent);
    this.chart.replaceChildren(
      s('line', { x1: 36, y1: H - 15, x2: W - 10, y2: H - 15, class: 'axis' }),
      s('line', { x1: 36, y1: 10, x2: 36, y2: H - 15, class: 'axis' }),
      s('text', { x: 32, y: 14, 'text-anchor': 'end', class: 'tick' }, short(max, 3)),
      s('text', { x: 32, y: H - 15, 'text-anchor': 'end', class: 'tick' }, short(min, 3)),
      s('text', { x: W - 10, y: H - 2, 'text-anchor': 'end', class: 'tick' }, String(E.length - 1)),
      E.length > 1 ? s('polyline', { points, class: 'line' }) : s('circle', { cx: x(0), cy: y(E[0]), r: 3, class: 'dot' }),
    );
  }
}
