// One iteration as PyTorch writes it, phase by phase: each phase lights its
// line of code and shows what it changes. The numbers are the core's.
import type { TrainingIteration } from '../shared/core-types';
import { h } from '../shared/dom';
import { exact, short } from '../shared/format';
import type { Translate } from '../shared/i18n';

export const phases = ['zero_grad', 'forward', 'loss', 'backward', 'step'] as const;
export type Phase = (typeof phases)[number];

const code: Record<Phase, string> = {
  zero_grad: 'optimizer.zero_grad()',
  forward: 'out = model(X)',
  loss: 'loss = loss_fn(out, T)',
  backward: 'loss.backward()',
  step: 'optimizer.step()',
};

function cell(x: number): HTMLElement {
  return h('td', { class: 'num', 'data-value': exact(x), title: exact(x) }, short(x, 6));
}

export class PhaseView {
  readonly element: HTMLElement;
  private lines = new Map<Phase, HTMLElement>();
  private body = h('div', { class: 'phase-body', id: 'phase-body', 'aria-live': 'polite' });
  private title = h('h3', { id: 'phase-title' });

  /** termHref: the stepper, opened at a term. */
  constructor(private readonly t: Translate, private termHref: (term: string) => string) {
    const pre = h('pre', { class: 'code', id: 'code' });
    for (const phase of phases) {
      const line = h('code', { class: 'line', 'data-phase': phase }, code[phase]);
      this.lines.set(phase, line);
      pre.append(line, '\n');
    }
    this.element = h('div', { class: 'phases-view' }, pre, this.title, this.body);
  }

  /** Shows phase `index` of the iteration (or nothing before the first). */
  render(it: TrainingIteration | null, index: number, zeroGrad: boolean, linkTerms: boolean): void {
    for (const [phase, line] of this.lines) {
      const i = phases.indexOf(phase);
      line.classList.toggle('current', i === index);
      line.classList.toggle('done', i < index);
      line.classList.toggle('skipped', phase === 'zero_grad' && !zeroGrad);
      if (i === index) line.setAttribute('aria-current', 'step');
      else line.removeAttribute('aria-current');
    }
    this.element.dataset.phase = index >= 0 ? phases[index] : '';
    if (!it || index < 0) {
      this.title.textContent = this.t('training.phase_none');
      this.body.replaceChildren();
      return;
    }
    const phase = phases[index];
    this.title.textContent = this.t(`training.phase.${phase}`, { n: it.iteration });
    this.body.replaceChildren(...this.content(it, phase, zeroGrad, linkTerms));
  }

  private content(it: TrainingIteration, phase: Phase, zeroGrad: boolean, linkTerms: boolean): HTMLElement[] {
    const names = it.parameters.names;
    const header = (...keys: string[]) => h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', { scope: 'col' }, this.t(k)))));
    switch (phase) {
      case 'zero_grad':
        return [
          h('p', {}, this.t(zeroGrad ? 'training.explain.zero_grad' : 'training.explain.zero_grad_skipped')),
          h(
            'table',
            { class: 'grad-table', id: 'table-zero_grad' },
            header('training.col.parameter', 'training.col.grad_before', 'training.col.grad_after'),
            h('tbody', {}, ...names.map((n, k) => h('tr', { 'data-param': n }, h('th', { scope: 'row' }, n), cell(it.grad_before[k]), cell(it.grad_zeroed[k])))),
          ),
        ];
      case 'forward': {
        const first = it.forward[0] ?? [];
        return [
          h('p', {}, this.t('training.explain.forward', { n: it.E_examples.length })),
          h(
            'table',
            { class: 'grad-table', id: 'table-forward' },
            header('training.col.layer', 'training.col.out'),
            h('tbody', {}, ...first.map((layer, l) => h('tr', {}, h('th', { scope: 'row' }, l === 0 ? this.t('training.input') : this.t('training.layer_n', { n: l })), h('td', { class: 'num' }, Array.from(layer.out, (v) => short(v, 6)).join(', '))))),
          ),
        ];
      }
      case 'loss':
        return [
          h('p', {}, this.t('training.explain.loss')),
          h('p', { class: 'loss-value', id: 'loss-value', 'data-value': exact(it.E_total) }, `loss = ${exact(it.E_total)}`),
          ...(it.E_examples.length > 1 ? [h('p', { class: 'hint' }, this.t('training.per_example', { values: Array.from(it.E_examples, (v) => short(v, 4)).join(', ') }))] : []),
        ];
      case 'backward':
        return [
          h('p', {}, this.t(zeroGrad ? 'training.explain.backward' : 'training.explain.backward_accumulates')),
          h(
            'table',
            { class: 'grad-table', id: 'table-backward' },
            header('training.col.parameter', 'training.col.grad', ...(linkTerms ? ['training.col.stepper'] : [])),
            h(
              'tbody',
              {},
              ...names.map((n, k) =>
                h(
                  'tr',
                  { 'data-param': n },
                  h('th', { scope: 'row' }, `${n}.grad`),
                  cell(it.grad_after[k]),
                  linkTerms ? h('td', {}, h('a', { href: this.termHref(it.parameters.terms[k]) }, it.parameters.terms[k])) : null,
                ),
              ),
            ),
          ),
        ];
      case 'step': {
        const state = it.optimizer_after;
        const keys = (['buffer', 's', 'm', 'v', 'm_hat', 'v_hat', 'effective_rate'] as const).filter((k) => state[k] instanceof Float64Array);
        return [
          h('p', {}, this.t('training.explain.step')),
          h(
            'table',
            { class: 'grad-table', id: 'table-step' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, this.t('training.col.parameter')), h('th', { scope: 'col' }, this.t('training.col.before')), h('th', { scope: 'col' }, this.t('training.col.after')), ...keys.map((k) => h('th', { scope: 'col' }, this.t(`training.state.${k}`))))),
            h(
              'tbody',
              {},
              ...names.map((n, k) =>
                h('tr', { 'data-param': n }, h('th', { scope: 'row' }, n), cell(it.theta_before[k]), cell(it.theta_after[k]), ...keys.map((key) => cell(state[key]![k]))),
              ),
            ),
          ),
        ];
      }
    }
  }
}
