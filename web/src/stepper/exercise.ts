// The stepper's exercise mode: predict, then reveal. The current term's
// value (and every later one's) stays hidden until the student types it;
// the core checks the answer (core/exercise/answer.cpp) and names a
// catalogued mistake when the answer is one (core/exercise/mistakes.cpp).
// Loaded when the mode is first switched on (./exercise-switch.ts).
import exerciseCss from './exercise.css?inline';
import type { BackpropCore, ExerciseCheck, Term, Trace } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { loadExerciseCore } from '../shared/core';
import { h } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { fitTex } from '../shared/math';
import type { StepperModel } from './model';

export { exerciseCss };

/** The phases whose values the drawing and the history show: hidden while one of their terms is asked. */
const FORWARD_PHASES = new Set(['forward', 'error', 'update']);

/** A continuation line of a broken sum, as the term card writes it. */
function continued(line: string): string {
  return line.startsWith('+') ? `&\\quad {}${line}` : `&{}${line}`;
}

/** The term's equation with its value left for the student: symbol = formula = ?. */
export function askedTex(term: Term): string[] {
  const equation = (formula: string[]) =>
    `\\begin{aligned}${[`${term.symbol} &= ${formula[0]}`, ...formula.slice(1).map(continued), '&= \\boxed{\\,?\\,}'].join(' \\\\ ')}\\end{aligned}`;
  return term.formula_lines ? [equation([term.formula]), equation(term.formula_lines)] : [equation([term.formula])];
}

/** What the student was last told about the current term. */
interface Said {
  term: string;
  text: string;
  verdict: ExerciseCheck['verdict'] | 'shown' | 'error';
  mistake: string | null;
}

export class Exercise {
  /** The answer's form, for under the term card. */
  readonly element: HTMLElement;
  on = false;
  private label = h('label', { for: 'exercise-answer', id: 'exercise-label' });
  private input = h('input', {
    id: 'exercise-answer',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'exercise-intro exercise-verdict',
  }) as HTMLInputElement;
  private verdict = h('p', { id: 'exercise-verdict', class: 'exercise-verdict', role: 'status', 'aria-live': 'polite' });
  private equation = h('div', { class: 'equation exercise-equation' });
  /** The chain panel whose values it hides (rendered by the term card, at times a task later). */
  private chainWatch: MutationObserver | null = null;
  private revealed = new Set<string>();
  private trace: Trace | null = null;
  private said: Said | null = null;
  /** The term the form is for. */
  private asked = '';
  private core: Promise<BackpropCore> | null = null;
  private busy = false;

  constructor(
    private readonly t: Translate,
    private readonly model: StepperModel,
    private readonly changed: () => void,
  ) {
    // Not a <form>: a tutorial's page holds none (what it shows is checked for injected ones).
    const form = h(
      'div',
      { class: 'exercise-form' },
      this.label,
      h(
        'div',
        { class: 'exercise-row' },
        this.input,
        h('button', { type: 'button', id: 'exercise-check', class: 'primary', 'data-i18n': 'exercise.check', onclick: () => void this.check() }),
        h('button', { type: 'button', id: 'exercise-show', 'data-i18n': 'exercise.show', onclick: () => this.show() }),
      ),
    );
    this.input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      void this.check();
    });
    this.element = h(
      'section',
      { class: 'exercise', id: 'exercise', hidden: '' },
      h('p', { class: 'hint', id: 'exercise-intro' }),
      form,
      this.verdict,
    );
  }

  /** Off, every value to be found again. */
  reset(): void {
    this.setOn(false);
    this.revealed.clear();
    this.said = null;
    this.asked = '';
  }

  setOn(on: boolean): void {
    this.on = on;
    if (on) this.core ??= loadExerciseCore();
  }

  /** The term's value is hidden from the student. */
  hides(term: Term): boolean {
    return this.on && !this.revealed.has(term.id);
  }

  /**
   * After the term card has rendered: in exercise mode, hides what would
   * give the answer away (the card's value, its notes, the values of the
   * current and later terms in the chain panel, the drawing's values of the
   * forward pass while one of them is asked) and asks for it.
   */
  render(root: HTMLElement, card: HTMLElement): void {
    const { model, t } = this;
    if (this.trace !== model.trace) {
      // New numbers: every value is to be found again.
      this.trace = model.trace;
      this.revealed.clear();
      this.said = null;
    }
    const term = model.term;
    const hidden = this.hides(term);
    root.classList.toggle('exercise-on', this.on);
    root.classList.toggle('exercise-hidden', hidden);
    root.classList.toggle('exercise-forward', hidden && FORWARD_PHASES.has(term.phase));
    this.element.hidden = !this.on;
    const chain = card.querySelector('.chain');
    if (chain && !this.chainWatch) {
      this.chainWatch = new MutationObserver(() => this.concealChain(chain));
      this.chainWatch.observe(chain, { childList: true });
    }
    if (chain) this.concealChain(chain);
    if (!this.on) return;

    if (this.asked !== term.id) {
      // Another term: a fresh answer.
      this.asked = term.id;
      this.said = null;
      this.input.value = '';
    }
    this.label.textContent = t('exercise.label', { id: term.id });
    (this.element.querySelector('#exercise-intro') as HTMLElement).textContent = t('exercise.intro', { min: 3 });
    this.input.disabled = !hidden;
    (this.element.querySelector('#exercise-check') as HTMLButtonElement).disabled = !hidden;
    (this.element.querySelector('#exercise-show') as HTMLButtonElement).disabled = !hidden;
    this.say(this.said, false);

    if (!this.equation.isConnected) card.querySelector('.equation')?.after(this.equation);
    if (hidden) {
      fitTex(this.equation, askedTex(term));
      delete card.dataset.value;
      const announce = card.querySelector('#term-announce');
      if (announce) announce.textContent = t('exercise.announce', { id: term.id });
    }
  }

  /** In the chain panel, the values of the term asked and the later ones not found yet: "= ?". */
  private concealChain(chain: Element): void {
    if (!this.on) return;
    const { model } = this;
    const hidden = new Set(model.trace.terms.slice(model.position).filter((x) => !this.revealed.has(x.id)).map((x) => x.id));
    for (const li of chain.querySelectorAll<HTMLElement>('li[data-chain-term]')) {
      if (!hidden.has(li.dataset.chainTerm ?? '')) continue;
      delete li.dataset.value;
      const value = li.querySelector('.chain-value');
      if (value) value.textContent = ' = ?';
    }
  }

  private say(said: Said | null, announce: boolean): void {
    this.said = said;
    const { t } = this;
    const term = this.model.term;
    if (!said) {
      this.verdict.textContent = '';
      delete this.verdict.dataset.verdict;
      delete this.verdict.dataset.mistake;
      return;
    }
    const value = exact(term.value).replace('-', '−');
    const texts: Record<Said['verdict'], () => string> = {
      right: () => t('exercise.right', { id: term.id, value }),
      shown: () => t('exercise.shown', { id: term.id, value }),
      too_few_digits: () => t('exercise.too_few_digits', { min: 3, digits: this.lastDigits }),
      not_a_number: () => t('exercise.not_a_number', { text: said.text }),
      mistake: () => t(`exercise.mistake.${said.mistake}`, { id: term.id, e0: term.edges[0] ?? '', n0: term.nodes[0] ?? '' }),
      wrong: () => t('exercise.wrong'),
      error: () => said.text,
    };
    const text = texts[said.verdict]();
    // The same words again are announced again.
    if (announce && this.verdict.textContent === text) this.verdict.textContent = '';
    this.verdict.textContent = text;
    this.verdict.dataset.verdict = said.verdict;
    if (said.mistake) this.verdict.dataset.mistake = said.mistake;
    else delete this.verdict.dataset.mistake;
  }

  private lastDigits = 0;

  private async check(): Promise<void> {
    if (this.busy || !this.core) return;
    const term = this.model.term;
    if (!this.hides(term)) return;
    const text = this.input.value;
    this.busy = true;
    try {
      const core = await this.core;
      if (this.model.term !== term) return;
      const result = core.exerciseCheck({ config: this.model.config, term: term.id, answer: text });
      this.lastDigits = result.digits;
      if (result.verdict === 'right') this.revealed.add(term.id);
      this.say({ term: term.id, text, verdict: result.verdict, mistake: result.mistake }, true);
    } catch (e) {
      this.say({ term: term.id, text: isCoreError(e) ? errorMessage(e, undefined, this.t) : String(e), verdict: 'error', mistake: null }, true);
    } finally {
      this.busy = false;
    }
    this.changed();
  }

  private show(): void {
    const term = this.model.term;
    this.revealed.add(term.id);
    this.say({ term: term.id, text: '', verdict: 'shown', mistake: null }, true);
    this.changed();
  }
}
