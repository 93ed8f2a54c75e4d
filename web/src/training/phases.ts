// One iteration as PyTorch writes it, phase by phase: each phase lights its
// line of code and shows what it changes. The numbers are the core's.
import type { LoopBug, LoopLine, TrainingIteration } from '../shared/core-types';
import { h } from '../shared/dom';
import { exact, short } from '../shared/format';
import type { Translate } from '../shared/i18n';

/** Every line a loop's listing may hold; a listing runs some of them, in its own order. */
export const phases = ['zero_grad', 'forward', 'loss', 'backward', 'backward_again', 'step'] as const;
export type Phase = LoopLine;

/** One line of the listing, as the core orders it for the loop's bug. */
export interface Listed {
  line: LoopLine;
  skipped: boolean;
  changed: boolean;
}

/** The correct loop's listing. */
export const correctListing: Listed[] = (['zero_grad', 'forward', 'loss', 'backward', 'step'] as const).map((line) => ({ line, skipped: false, changed: false }));

function codeOf(line: LoopLine, retainGraph: boolean, bug: LoopBug): string {
  switch (line) {
    case 'zero_grad':
      return 'optimizer.zero_grad()';
    case 'forward':
      return 'out = model(X)';
    case 'loss':
      return 'loss = loss_fn(out, T)';
    case 'backward':
      return bug === 'backward_twice' && retainGraph ? 'loss.backward(retain_graph=True)' : 'loss.backward()';
    case 'backward_again':
      return 'loss.backward()';
    case 'step':
      return 'optimizer.step()';
  }
}

function cell(x: number): HTMLElement {
  return h('td', { class: 'num', 'data-value': exact(x), title: exact(x) }, short(x, 6));
}

/** A .grad that is None in PyTorch (the core holds it as 0, its data-value). */
function gradCell(x: number, none: boolean): HTMLElement {
  return none ? h('td', { class: 'num none', 'data-value': exact(x), 'data-none': 'true', title: 'None' }, 'None') : cell(x);
}

/** How PyTorch 2.x's zero_grad() (set_to_none=True) changes what the bug does, for the bugs it changes. */
export function torch2Key(bug: LoopBug): string | null {
  return bug === 'step_before_backward' || bug === 'zero_grad_before_step' ? `buglab.torch2.${bug}` : null;
}

export class PhaseView {
  readonly element: HTMLElement;
  private lines: HTMLElement[] = [];
  listing: Listed[] = correctListing;
  private bug: LoopBug = 'none';
  private pre = h('pre', { class: 'code', id: 'code' });
  private legend = h('p', { class: 'hint code-legend', id: 'code-legend' });
  private body = h('div', { class: 'phase-body', id: 'phase-body', 'aria-live': 'polite' });
  private title = h('h3', { id: 'phase-title' });

  /** termHref: the stepper, opened at a term. */
  constructor(private readonly t: Translate, private termHref: (term: string) => string) {
    this.element = h('div', { class: 'phases-view' }, this.pre, this.legend, this.title, this.body);
    this.setListing(correctListing, 'none', false);
  }

  /** The loop's lines, in the order its bug runs them; the changed lines are marked. */
  setListing(listing: Listed[], bug: LoopBug, retainGraph: boolean): void {
    this.listing = listing;
    this.bug = bug;
    this.lines = listing.map((l) =>
      h('code', { class: `line${l.skipped ? ' skipped' : ''}${l.changed ? ' changed' : ''}`, 'data-phase': l.line }, l.skipped ? `# ${codeOf(l.line, retainGraph, bug)}` : codeOf(l.line, retainGraph, bug)),
    );
    this.pre.replaceChildren(...this.lines.flatMap((line) => [line, '\n']));
    this.pre.dataset.bug = bug;
    this.renderLegend();
  }

  private renderLegend(): void {
    const changed = this.listing.some((l) => l.changed);
    this.legend.hidden = !changed;
    this.legend.textContent = changed ? this.t('buglab.code_legend') : '';
  }

  /** The phase PyTorch stops at in this iteration (its index in the listing), or -1. */
  static stopsAt(it: TrainingIteration | null): number {
    if (!it?.error) return -1;
    return it.lines.findIndex((l) => l.grad === null);
  }

  /** Shows phase `index` of the iteration (or nothing before the first). */
  render(it: TrainingIteration | null, index: number, zeroGrad: boolean, linkTerms: boolean): void {
    this.renderLegend();
    this.lines.forEach((line, i) => {
      line.classList.toggle('current', i === index);
      line.classList.toggle('done', i < index);
      if (i === index) line.setAttribute('aria-current', 'step');
      else line.removeAttribute('aria-current');
    });
    this.element.dataset.phase = index >= 0 ? this.listing[index]?.line ?? '' : '';
    if (!it || index < 0) {
      const first = this.listing[0];
      this.title.textContent = first && first.line === 'zero_grad' && !first.skipped ? this.t('training.phase_none') : this.t('buglab.phase_none');
      this.body.replaceChildren();
      return;
    }
    const phase = this.listing[index].line;
    this.title.textContent = this.t(`training.phase.${phase}`, { n: it.iteration });
    const stops = PhaseView.stopsAt(it) === index;
    this.body.replaceChildren(...(stops ? this.stopped(it) : this.content(it, index, zeroGrad, linkTerms)));
  }

  /** PyTorch's RuntimeError, as it prints it, and why. */
  private stopped(it: TrainingIteration): HTMLElement[] {
    const e = it.error!;
    return [
      h('p', {}, this.t(`buglab.error_why.${e.line}`)),
      h('pre', { class: 'torch-error', id: 'torch-error', role: 'alert', 'data-line': e.line, 'data-iteration': String(e.iteration) }, `Traceback (most recent call last):\n  ...\nRuntimeError: ${e.message}`),
      h('p', { class: 'hint' }, this.t('buglab.error_stops', { n: e.iteration })),
    ];
  }

  private content(it: TrainingIteration, index: number, zeroGrad: boolean, linkTerms: boolean): HTMLElement[] {
    const names = it.parameters.names;
    const phase = this.listing[index].line;
    const bug = this.bug;
    // .grad as this line finds it and leaves it.
    const gradIn = index === 0 ? it.grad_before : it.lines[index - 1].grad ?? it.grad_before;
    const gradOut = it.lines[index].grad ?? gradIn;
    const header = (...keys: string[]) => h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', { scope: 'col' }, this.t(k)))));
    // What PyTorch 2.x's zero_grad() changes, where this page shows PyTorch 1.13's.
    const torch2 = (id: string, key: string | null) => (key ? [h('p', { class: 'hint torch2', id }, this.t(key))] : []);
    switch (phase) {
      case 'zero_grad': {
        // .grad is None until the run's first backward() writes it; zero_grad() leaves a None .grad None.
        const none = it.iteration === 1 && !this.listing.slice(0, index).some((l) => l.line === 'backward' || l.line === 'backward_again');
        return [
          h('p', {}, this.t(!zeroGrad ? 'training.explain.zero_grad_skipped' : bug === 'zero_grad_before_step' ? 'buglab.explain.zero_grad_before_step' : 'training.explain.zero_grad')),
          h(
            'table',
            { class: 'grad-table', id: 'table-zero_grad' },
            header('training.col.parameter', 'training.col.grad_before', 'training.col.grad_after'),
            h('tbody', {}, ...names.map((n, k) => h('tr', { 'data-param': n }, h('th', { scope: 'row' }, n), gradCell(gradIn[k], none), gradCell(gradOut[k], none)))),
          ),
          ...(this.listing[index].skipped ? [] : [...torch2('set-to-none', 'buglab.torch2.zero_grad'), ...torch2('set-to-none-bug', torch2Key(bug))]),
        ];
      }
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
      case 'backward_again':
        return [
          h('p', {}, this.t('buglab.explain.backward_again')),
          h(
            'table',
            { class: 'grad-table', id: 'table-backward_again' },
            header('training.col.parameter', 'training.col.grad_before', 'training.col.grad_after'),
            h('tbody', {}, ...names.map((n, k) => h('tr', { 'data-param': n }, h('th', { scope: 'row' }, `${n}.grad`), cell(gradIn[k]), cell(gradOut[k])))),
          ),
        ];
      case 'backward':
        return [
          h('p', {}, this.t(bug === 'step_before_backward' ? 'buglab.explain.backward_after_step' : zeroGrad ? 'training.explain.backward' : 'training.explain.backward_accumulates')),
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
                  cell(gradOut[k]),
                  linkTerms ? h('td', {}, h('a', { href: this.termHref(it.parameters.terms[k]) }, it.parameters.terms[k])) : null,
                ),
              ),
            ),
          ),
        ];
      case 'step': {
        const state = it.optimizer_after;
        const listed = this.listing[index];
        const keys = listed.skipped || it.grad_none ? [] : (['buffer', 's', 'm', 'v', 'm_hat', 'v_hat', 'effective_rate'] as const).filter((k) => state[k] instanceof Float64Array);
        // What step() used, beside the parameters, when the bug makes it other than backward's gradient.
        const used = bug !== 'none' && it.grad_step ? it.grad_step : null;
        const explain = listed.skipped ? 'buglab.explain.no_step' : it.grad_none ? 'buglab.explain.step_none' : bug === 'zero_grad_before_step' ? 'buglab.explain.step_zero' : bug === 'step_before_backward' ? 'buglab.explain.step_before_backward' : bug === 'backward_twice' ? 'buglab.explain.step_doubled' : 'training.explain.step';
        // step() used the zeros zero_grad() left: PyTorch 2.x leaves None there, and step() skips.
        const zeros = !listed.skipped && !it.grad_none && (bug === 'zero_grad_before_step' || bug === 'step_before_backward');
        return [
          h('p', {}, this.t(explain)),
          ...(zeros ? torch2('set-to-none-step', torch2Key(bug)) : []),
          h(
            'table',
            { class: 'grad-table', id: 'table-step' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, this.t('training.col.parameter')), h('th', { scope: 'col' }, this.t('training.col.before')), h('th', { scope: 'col' }, this.t('training.col.after')), ...keys.map((k) => h('th', { scope: 'col' }, this.t(`training.state.${k}`))), used ? h('th', { scope: 'col' }, this.t('buglab.col.grad_used')) : null)),
            h(
              'tbody',
              {},
              ...names.map((n, k) =>
                h('tr', { 'data-param': n }, h('th', { scope: 'row' }, n), cell(it.theta_before[k]), cell(it.theta_after[k]), ...keys.map((key) => cell(state[key]![k])), used ? cell(used[k]) : null),
              ),
            ),
          ),
        ];
      }
    }
  }
}
