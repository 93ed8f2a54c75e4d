// What a loss is: its formula (from the core), what it is for, its
// strengths and weaknesses, and a common mistake.
import type { BackpropCore, LossKind } from '../shared/core-types';
import { h } from '../shared/dom';
import type { Translate } from '../shared/i18n';
import { tex } from '../shared/math';

export class InfoCard {
  readonly element: HTMLElement;
  private name = h('h2', { id: 'loss-name' });
  private formula = h('div', { class: 'formula', id: 'loss-formula' });
  private gradient = h('div', { class: 'formula', id: 'loss-gradient' });
  private also = h('div', { class: 'also' });
  private reductionNote = h('p', { class: 'hint' });
  private purpose = h('p', { class: 'purpose' });
  private strengths = h('p', {});
  private weaknesses = h('p', {});
  private mistake = h('p', { class: 'note mistake' });
  private formulas;

  constructor(private readonly t: Translate, core: BackpropCore) {
    this.formulas = core.lossFormulas();
    this.element = h(
      'section',
      { class: 'info-card', 'aria-labelledby': 'loss-name' },
      this.name,
      this.formula,
      this.gradient,
      this.also,
      this.reductionNote,
      this.purpose,
      h('div', { class: 'pros-cons' }, h('div', { class: 'pros' }, h('h3', { 'data-i18n': 'losses.strengths' }), this.strengths), h('div', { class: 'cons' }, h('h3', { 'data-i18n': 'losses.weaknesses' }), this.weaknesses)),
      this.mistake,
    );
  }

  render(kind: LossKind, reduction: 'mean' | 'sum'): void {
    const f = this.formulas[kind];
    this.name.textContent = this.t(`loss.${kind}.name`);
    tex(this.formula, reduction === 'mean' ? f.mean : f.sum, true);
    tex(this.gradient, reduction === 'mean' ? f.grad_mean : f.grad_sum, true);
    this.also.hidden = !f.also.length;
    this.also.replaceChildren(...f.also.map((line) => tex(h('div', { class: 'formula' }), line, true)));
    this.reductionNote.textContent = this.t(reduction === 'mean' ? 'losses.reduction_mean_note' : 'losses.reduction_sum_note');
    this.purpose.textContent = this.t(`loss.${kind}.purpose`);
    this.strengths.textContent = this.t(`loss.${kind}.strengths`);
    this.weaknesses.textContent = this.t(`loss.${kind}.weaknesses`);
    this.mistake.textContent = this.t(`loss.${kind}.mistake`);
  }
}
