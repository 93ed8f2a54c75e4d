// Cross-entropy's softmax: the probabilities of the three classes as bars,
// and the gradient with respect to each logit, from the core.
import type { BackpropCore } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { short } from '../shared/format';
import { t } from '../shared/i18n';
import type { CurvesView } from './curves';

const W = 420;
const H = 200;

export class SoftmaxDemo {
  readonly element: HTMLElement;
  private bars = s('svg', { class: 'softmax-bars', viewBox: `0 0 ${W} ${H}`, role: 'img', id: 'softmax-bars' });

  constructor(
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
    const barW = 80;
    const gap = (W - 3 * barW) / 4;
    const children: SVGElement[] = [];
    p.forEach((prob, c) => {
      const x = gap + c * (barW + gap);
      const height = prob * (H - 60);
      children.push(
        s('rect', { x, y: H - 40 - height, width: barW, height, class: c === target ? 'bar target' : 'bar' }),
        s('text', { x: x + barW / 2, y: H - 46 - height, 'text-anchor': 'middle' }, short(prob, 3)),
        s('text', { x: x + barW / 2, y: H - 22, 'text-anchor': 'middle' }, t('losses.class_n', { n: c })),
        s('text', { x: x + barW / 2, y: H - 6, 'text-anchor': 'middle', class: 'grad-label' }, `∂L/∂z${'₀₁₂'[c]} = ${short(g[c], 3)}`),
      );
    });
    this.bars.setAttribute('aria-label', t('losses.softmax_alt', { p: p.map((v) => short(v, 3)).join(', ') }));
    this.bars.replaceChildren(...children);
  }
}
