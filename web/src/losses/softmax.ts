// Cross-entropy's softmax: the probabilities of the three classes as bars,
// and the gradient with respect to each logit, from the core.
import type { BackpropCore } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import type { CurvesView } from './curves';

const H = 200;
/** Narrower than this, each gradient is written on two lines. */
const TWO_LINES_BELOW = 380;

export class SoftmaxDemo {
  readonly element: HTMLElement;
  /** Drawn at the width it has, so its text keeps its size. */
  private bars = s('svg', { class: 'softmax-bars', role: 'img', id: 'softmax-bars' });
  private drawnWidth = 0;

  constructor(
    private readonly t: Translate,
    private core: BackpropCore,
    private curves: CurvesView,
  ) {
    this.element = h(
      'section',
      { class: 'demo softmax-section', 'aria-labelledby': 'softmax-title', 'data-part': 'demo' },
      h('h2', { id: 'softmax-title', 'data-i18n': 'losses.softmax_title' }),
      h('p', { 'data-i18n': 'losses.softmax_intro' }),
      this.bars,
    );
    new ResizeObserver(() => {
      if (this.bars.clientWidth > 0 && Math.abs(this.bars.clientWidth - this.drawnWidth) > 0.5) this.render();
    }).observe(this.bars);
  }

  render(): void {
    const { logits, target, smoothing } = this.curves.ceInputs();
    let result;
    try {
      result = this.core.loss({ kind: 'ce', input: [logits], target: [target], label_smoothing: smoothing });
    } catch (e) {
      if (isCoreError(e)) return; // the curves' fields show the message
      throw e;
    }
    const p = result.softmax![0];
    const g = (result.grad as number[][])[0];
    this.drawnWidth = this.bars.clientWidth;
    const W = Math.max(240, this.drawnWidth || 420);
    const twoLines = W < TWO_LINES_BELOW;
    const height = H + (twoLines ? 16 : 0);
    this.bars.setAttribute('viewBox', `0 0 ${W} ${height}`);
    const barW = Math.min(80, W / 4);
    const gap = (W - 3 * barW) / 4;
    const children: SVGElement[] = [];
    p.forEach((prob, c) => {
      const x = gap + c * (barW + gap);
      const barH = prob * (H - 60);
      const grad = short(g[c], 3);
      children.push(
        s('rect', { x, y: H - 40 - barH, width: barW, height: barH, class: c === target ? 'bar target' : 'bar' }),
        s('text', { x: x + barW / 2, y: H - 46 - barH, 'text-anchor': 'middle' }, short(prob, 3)),
        s('text', { x: x + barW / 2, y: H - 22, 'text-anchor': 'middle' }, this.t('losses.class_n', { n: c })),
        ...(twoLines
          ? [
              s('text', { x: x + barW / 2, y: H - 6, 'text-anchor': 'middle', class: 'grad-label' }, `∂L/∂z${'₀₁₂'[c]} =`),
              s('text', { x: x + barW / 2, y: H + 10, 'text-anchor': 'middle', class: 'grad-label' }, grad),
            ]
          : [s('text', { x: x + barW / 2, y: H - 6, 'text-anchor': 'middle', class: 'grad-label' }, `∂L/∂z${'₀₁₂'[c]} = ${grad}`)]),
      );
    });
    this.bars.setAttribute('aria-label', this.t('losses.softmax_alt', { p: p.map((v) => short(v, 3)).join(', ') }));
    this.bars.replaceChildren(...children);
  }
}
