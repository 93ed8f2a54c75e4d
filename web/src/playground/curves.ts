// The training and test losses, epoch by epoch, as the core reported them
// after each epoch: two lines on one chart.
import { Chart, finiteRange } from '../shared/chart';
import { h, s } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';

export class LossCurves {
  readonly element: HTMLElement;
  private chart = new Chart({ width: 360, height: 180, className: 'loss-chart' });
  private train = s('path', { class: 'curve train' });
  private test = s('path', { class: 'curve test' });
  private readout = h('p', { class: 'loss-readout', id: 'loss-readout', 'aria-live': 'off' });
  private epochs: number[] = [];
  private E_train: number[] = [];
  private E_test: number[] = [];

  constructor(private t: Translate) {
    this.chart.plot.append(this.train, this.test);
    this.chart.onResize(() => this.render());
    this.element = h('div', { class: 'loss-box', 'data-part': 'curves' }, this.readout, this.chart.element);
  }

  clear(): void {
    this.epochs = [];
    this.E_train = [];
    this.E_test = [];
    this.render();
  }

  /** The losses after an epoch (null: not computed, as with no test set). */
  add(epoch: number, train: number | null, test: number | null): void {
    this.epochs.push(epoch);
    this.E_train.push(train ?? Number.NaN);
    this.E_test.push(test ?? Number.NaN);
  }

  /** The last finite loss of a series, or null. */
  private lastFinite(series: number[]): number | null {
    for (let i = series.length - 1; i >= 0; i--) if (Number.isFinite(series[i])) return series[i];
    return null;
  }

  render(): void {
    const range = finiteRange([...this.E_train, ...this.E_test]);
    const hi = range ? range[1] : 1;
    const last = this.epochs.length ? this.epochs[this.epochs.length - 1] : 0;
    this.chart.domains([0, Math.max(10, last)], [0, hi > 0 ? hi * 1.05 : 1]);
    this.chart.labels(this.t('playground.axis_epoch'), this.t('playground.axis_loss'), this.t('playground.curves_alt'));
    this.train.setAttribute('d', this.chart.path(this.epochs, this.E_train));
    this.test.setAttribute('d', this.chart.path(this.epochs, this.E_test));
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
