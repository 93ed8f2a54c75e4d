// Binary cross-entropy on probabilities against the same loss on logits: for
// a confident logit, the sigmoid rounds to exactly 0 or 1 and the probability
// form falls back on its clamp at -100; the logits form stays exact.
import type { BackpropCore } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';

export class StabilityDemo {
  readonly element: HTMLElement;
  readonly logit = h('input', { id: 'field-logit', type: 'text', inputmode: 'decimal', value: '40', 'aria-describedby': 'stability-error' });
  readonly target = h('input', { id: 'field-stability-target', type: 'text', inputmode: 'decimal', value: '0', 'aria-describedby': 'stability-error' });
  readonly error = h('p', { class: 'field-error', role: 'alert', id: 'stability-error' });
  private table = h('dl', { class: 'stability', id: 'stability' });

  constructor(private readonly t: Translate, private core: BackpropCore) {
    for (const input of [this.logit, this.target]) input.addEventListener('input', () => this.render());
    this.element = h(
      'section',
      { class: 'demo stability-section', 'aria-labelledby': 'stability-title', 'data-part': 'demo', 'data-lock': 'demo' },
      h('h2', { id: 'stability-title', 'data-i18n': 'losses.stability_title' }),
      h('p', { 'data-i18n': 'losses.stability_intro' }),
      h(
        'div',
        { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: 'field-logit', 'data-i18n': 'losses.logit' }), this.logit),
        h('div', { class: 'field' }, h('label', { for: 'field-stability-target', 'data-i18n': 'losses.target' }), this.target),
      ),
      this.error,
      this.table,
    );
  }

  render(): void {
    try {
      const r = this.core.bceStability({ logit: this.logit.value, target: this.target.value });
      this.error.textContent = '';
      this.table.dataset.onProbability = String(r.on_probability);
      this.table.dataset.onLogit = String(r.on_logit);
      const row = (label: string, value: number) => [h('dt', {}, this.t(label)), h('dd', {}, h('code', {}, exact(value)))];
      this.table.replaceChildren(
        ...row('losses.sigmoid_of_logit', r.probability),
        ...row('losses.bce_on_probability', r.on_probability),
        ...row('losses.bce_on_logit', r.on_logit),
      );
    } catch (e) {
      if (!isCoreError(e)) throw e;
      this.error.textContent = `${errorMessage(e, undefined, this.t)} ${this.t('losses.invalid_kept')}`;
    }
  }
}
