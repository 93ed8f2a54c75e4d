// The training and test losses, epoch by epoch, as the core reported them
// after each epoch: two lines on one chart, on a log scale once they span
// more than a thousandfold. Epochs a run went back from stay drawn faded
// until training goes on.
import { Chart, finiteRange } from '../shared/chart';
import { h, s } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';

export class LossCurves {
  readonly element: HTMLElement;
  private chart = new Chart({ width: 360, height: 180, className: 'loss-chart' });
  private train = s('path', { class: 'curve train' });
  private test = s('path', { class: 'curve test' });
  private ghostTrain = s('path', { class: 'curve train ghost' });
  private ghostTest = s('path', { class: 'curve test ghost' });
  /** The epochs a run went back from, and their losses. */
  private ghost: { epochs: number[]; E_train: number[]; E_test: number[] } | null = null;
  private readout = h('p', { class: 'loss-readout', id: 'loss-readout', 'aria-live': 'off' });
  private epochs: number[] = [];
  private E_train: number[] = [];
  private E_test: number[] = [];

  constructor(private t: Translate) {
    this.chart.plot.append(this.ghostTrain, this.ghostTest, this.train, this.test);
    this.chart.onResize(() => this.render());
    this.element = h('div', { class: 'loss-box', 'data-part': 'curves' }, this.readout, this.chart.element);
  }

  clear(): void {
    this.epochs = [];
    this.E_train = [];
    this.E_test = [];
    this.ghost = null;
    this.render();
  }

  /** The run went back to `epoch`: the epochs after it are kept apart, drawn faded, from the epoch it went back to. */
  rewind(epoch: number): void {
    const keep = this.epochs.findIndex((e) => e > epoch);
    if (keep < 0) return;
    const from = Math.max(0, keep - 1);
    this.ghost = { epochs: this.epochs.slice(from), E_train: this.E_train.slice(from), E_test: this.E_test.slice(from) };
    this.epochs.length = keep;
    this.E_train.length = keep;
    this.E_test.length = keep;
  }

  /** The losses after an epoch (null: not computed, as with no test set). */
  add(epoch: number, train: number | null, test: number | null): void {
    this.ghost = null;
    this.epochs.push(epoch);
    this.E_train.push(train ?? Number.NaN);
    this.E_test.push(test ?? Number.NaN);
  }

  /** The last finite loss of a series, or null. */
  private lastFinite(series: number[]): number | null {
    for (let i = series.length - 1; i >= 0; i--) if (Number.isFinite(series[i])) return series[i];
    return null;
  }

  /** Whether the chart is on a log scale (the losses span more than a thousandfold). */
  get log(): boolean {
    return this.logScale;
  }
  private logScale = false;

  render(): void {
    const g = this.ghost;
    const all = [...this.E_train, ...this.E_test, ...(g ? [...g.E_train, ...g.E_test] : [])];
    const range = finiteRange(all);
    const positive = finiteRange(all.filter((v) => v > 0));
    const hi = range ? range[1] : 1;
    this.logScale = !!positive && positive[1] / positive[0] > 1e3;
    const last = Math.max(this.epochs.length ? this.epochs[this.epochs.length - 1] : 0, g ? g.epochs[g.epochs.length - 1] : 0);
    this.chart.domains(
      [0, Math.max(10, last)],
      this.logScale && positive ? [positive[0] / 1.25, positive[1] * 1.25] : [0, hi > 0 ? hi * 1.05 : 1],
      this.logScale,
    );
    this.chart.element.dataset.scale = this.logScale ? 'log' : 'linear';
    this.chart.labels(this.t('playground.axis_epoch'), this.t(this.logScale ? 'playground.axis_loss_log' : 'playground.axis_loss'), this.t('playground.curves_alt'));
    this.train.setAttribute('d', this.chart.path(this.epochs, this.E_train));
    this.test.setAttribute('d', this.chart.path(this.epochs, this.E_test));
    this.ghostTrain.setAttribute('d', g ? this.chart.path(g.epochs, g.E_train) : '');
    this.ghostTest.setAttribute('d', g ? this.chart.path(g.epochs, g.E_test) : '');
    const train = this.lastFinite(this.E_train);
    const test = this.lastFinite(this.E_test);
    const dash = '—';
    this.readout.replaceChildren(
      h('span', { class: 'key train' }, this.t('playground.loss_train', { value: train === null ? dash : short(train, 4) })),
      ' ',
      h('span', { class: 'key test' }, this.t('playground.loss_test', { value: test === null ? dash : short(test, 4) })),
    );
  }
}
