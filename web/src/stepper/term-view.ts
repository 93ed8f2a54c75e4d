// The current term: where it sits in the iteration, its formula, the same
// formula with numbers, its value, what it means, and its chain. The
// stepper shows it, and the playground for the weight a student clicks.
import termCss from './term-view.css?inline';
import type { Term, Trace } from '../shared/core-types';
import { h } from '../shared/dom';
import { digits17, exact, short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { fitTex, fitTexLater, texSpan } from '../shared/math';
import { nextTask } from '../shared/tasks';
import { mazurLink } from '../shared/sources';

export { termCss };

/**
 * What the term card shows: a trace, where in it the reader is, and how to
 * move (the stepper's model is one).
 */
export interface TermSource {
  readonly trace: Trace;
  readonly term: Term;
  readonly position: number;
  readonly count: number;
  goto(index: number): void;
  gotoTerm(id: string): boolean;
  /** The ids of a parameter's chain, in order. */
  chain(param: string): string[];
  /** The parameter whose chain the panel lists; the current term's when absent. */
  readonly chainParam?: string;
  /** The panel's title in place of "The chain for <param>". */
  readonly chainTitle?: string;
}

export interface TermViewOptions {
  /** The phase pills and "term n of N" (default true). */
  phases?: boolean;
}

/** A term's value as it stands in a formula: the core's value_text (9 significant digits), in LaTeX. */
function texValue(text: string): string {
  const e = text.indexOf('e');
  return e < 0 ? text : `${text.slice(0, e)} \\times 10^{${Number(text.slice(e + 1))}}`;
}

/** A continuation line of a broken sum: "+ x" indented under the first summand, "= x" under the equals sign. */
function continued(line: string): string {
  return line.startsWith('+') ? `&\\quad {}${line}` : `&{}${line}`;
}

/**
 * The equation of a term, aligned: symbol = formula = numbers = value; and,
 * for a narrow box, the same with its sums broken over lines.
 */
export function termTex(term: Term): string[] {
  const value = texValue(term.value_text);
  const equation = (formula: string[], numbers: string[]) => {
    const lines = [`${term.symbol} &= ${formula[0]}`, ...formula.slice(1).map(continued)];
    if (term.numbers !== term.formula) lines.push(`&= ${numbers[0]}`, ...numbers.slice(1).map(continued));
    if (term.numbers !== value) lines.push(`&= ${value}`);
    return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
  };
  const oneLine = equation([term.formula], [term.numbers]);
  if (!term.formula_lines && !term.numbers_lines) return [oneLine];
  const formulaBroken = term.formula_lines ?? [term.formula];
  return [oneLine, equation(formulaBroken, [term.numbers]), equation(formulaBroken, term.numbers_lines ?? [term.numbers])];
}

/** Fills a message's {n0} {n1} {e0} {value} from the term. */
export function termParams(term: Term): Record<string, string> {
  return {
    n0: term.nodes[0] ?? '',
    n1: term.nodes[1] ?? '',
    e0: term.edges[0] ?? '',
    value: exact(term.value),
  };
}

export class TermView {
  readonly element: HTMLElement;
  private phases = h('ol', { class: 'phases', 'aria-label': '' });
  private position = h('p', { class: 'position' });
  private equation = h('div', { class: 'equation' });
  private exactValue = h('p', { class: 'exact' });
  private explain = h('p', { class: 'explain' });
  private notes = h('div', { class: 'notes' });
  private announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'term-announce' });
  private chain = h('ol', { class: 'chain' });
  private chainTitle = h('h3', { class: 'chain-title' });
  private renders = 0;
  private typesetFirst!: () => void;
  /** Resolves once the first term's formula is typeset and fitted. */
  readonly firstTypeset = new Promise<void>((resolve) => (this.typesetFirst = resolve));

  constructor(
    private readonly t: Translate,
    private model: TermSource,
    private readonly options: TermViewOptions = {},
  ) {
    const phases = options.phases ?? true;
    this.element = h(
      'section',
      { class: 'term-card', id: 'current-term' },
      ...(phases ? [this.phases, this.position] : []),
      this.equation,
      this.exactValue,
      this.explain,
      this.notes,
      this.announce,
      h('div', { class: 'chain-panel', 'data-part': 'chain' }, this.chainTitle, this.chain),
    );
  }

  /**
   * The first render (the page loading) typesets the term without
   * measuring it (it is measured after the frame lays it out, and typeset
   * again only if it does not fit), and its chain in a task after this
   * one: no task of the load is long. Later ones fit it at once.
   */
  render(): void {
    const { model } = this;
    const term = model.term;
    const first = this.renders++ === 0;
    this.element.dataset.term = term.id;
    this.element.dataset.value = digits17(term.value);
    this.element.dataset.phase = term.phase;

    if (this.options.phases ?? true) this.renderPhases(term);
    if (first) {
      fitTexLater(this.equation, termTex(term), this.typesetFirst, true);
    } else {
      fitTex(this.equation, termTex(term));
      this.typesetFirst();
    }
    this.exactValue.replaceChildren(
      h('span', { class: 'label' }, `${this.t('stepper.exact')}: `),
      h('code', { class: 'value' }, exact(term.value)),
    );
    this.explain.textContent = this.t(`explain.${term.explain}`, termParams(term));
    const noteParams = {
      ...termParams(term),
      before: exact(model.trace.E_total),
      after: exact(model.trace.E_total_next),
    };
    this.notes.replaceChildren(
      ...term.notes.map((note) => {
        const p = h('p', { class: `note ${note.replace('.', '-')}` }, this.t(note, noteParams));
        if (note === 'note.blog_numbers') {
          const link = mazurLink();
          link.textContent = this.t('source.mazur');
          p.append(' ', link);
        }
        return p;
      }),
    );
    this.announce.textContent = this.t('stepper.announce', { id: term.id, value: short(term.value, 4), explain: this.explain.textContent ?? '' });
    // A chain's terms are typeset in a task of their own; a term in no chain says so at once (the card keeps its height).
    if (first && this.chainOf(term)) {
      const n = this.renders;
      nextTask(() => n === this.renders && this.renderChain(term));
    } else {
      this.renderChain(term);
    }
  }

  private renderPhases(term: Term): void {
    const { model } = this;
    this.phases.setAttribute('aria-label', this.t('stepper.progress'));
    const current = model.trace.phases.indexOf(term.phase);
    this.phases.replaceChildren(
      // Each phase is a way in: to its first term.
      ...model.trace.phases.map((phase, i) =>
        h(
          'li',
          {
            class: i < current ? 'done' : i === current ? 'current' : '',
            'data-phase': phase,
          },
          h(
            'button',
            {
              type: 'button',
              'aria-current': i === current ? 'step' : null,
              onclick: () => model.goto(model.trace.terms.findIndex((x) => x.phase === phase)),
            },
            this.t(`phase.${phase}`),
          ),
        ),
      ),
    );
    this.position.textContent = this.t('stepper.position', { n: model.position + 1, total: model.count });
  }

  /** The parameter whose chain the card shows with this term: the one jumped to, else the term's own, if any. */
  private chainOf(term: Term) {
    return this.model.chainParam ?? term.param;
  }

  private renderChain(term: Term): void {
    const { model } = this;
    const param = this.chainOf(term);
    if (!param) {
      this.chainTitle.textContent = this.t('stepper.chain_none');
      this.chain.replaceChildren();
      return;
    }
    this.chainTitle.textContent = model.chainTitle ?? this.t('stepper.chain', { param });
    this.chain.replaceChildren(
      ...model.chain(param).map((id) => {
        const chainTerm = model.trace.terms.find((x) => x.id === id)!;
        const isCurrent = id === term.id;
        return h(
          'li',
          { 'data-chain-term': id, 'data-value': digits17(chainTerm.value) },
          h(
            'button',
            {
              type: 'button',
              class: isCurrent ? 'current' : '',
              'aria-current': isCurrent ? 'true' : null,
              onclick: () => model.gotoTerm(id),
            },
            texSpan(chainTerm.symbol),
            h('span', { class: 'chain-value' }, ` = ${chainTerm.value_text.replace(/-/g, '−')}`),
          ),
        );
      }),
    );
  }
}
