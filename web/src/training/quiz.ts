// "Which bug made this curve?": the core trains the classic network with a
// hidden bug of the loop; the student picks one, and the core trains with
// the pick: it is right when that loop draws exactly the same curve (two
// bugs may draw the same one).
import type { BackpropCore, LoopBug, LoopError, TrainingSpec } from '../shared/core-types';
import { Chart, extent } from '../shared/chart';
import { h, s } from '../shared/dom';
import type { Translate } from '../shared/i18n';

/** The bug lab's selector: the correct loop and its mistakes. */
export const bugs: readonly LoopBug[] = ['none', 'backward_twice', 'step_before_backward', 'zero_grad_before_step', 'no_step'];

type Choice = 'no_zero_grad' | Exclude<LoopBug, 'none'>;
const CHOICES: readonly Choice[] = ['no_zero_grad', 'backward_twice', 'step_before_backward', 'zero_grad_before_step', 'no_step'];
/** The curves asked about, in turn. */
const QUESTIONS: readonly Choice[] = ['backward_twice', 'no_zero_grad', 'no_step'];
/** The questions as the address numbers them (quiz=1 …). */
export const quizQuestions: readonly string[] = QUESTIONS.map((_, k) => String(k + 1));
const ITERATIONS = 400;

/** The classic network, SGD with η = 0.5, with one mistake (backward twice keeps the graph: else no curve). */
function specOf(core: BackpropCore, choice: Choice | 'none'): TrainingSpec {
  const base: TrainingSpec = { network: core.classic(), optimizer: { kind: 'sgd', lr: 0.5 } };
  if (choice === 'none') return base;
  if (choice === 'no_zero_grad') return { ...base, zero_grad: false };
  return { ...base, bug: choice, retain_graph: choice === 'backward_twice' };
}

function same(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export class BugQuiz {
  readonly element: HTMLElement;
  private chart = new Chart({ width: 560, height: 220, className: 'quiz-chart' });
  private curves = s('g', { class: 'runs' });
  private options = h('fieldset', { class: 'quiz-options' });
  private result = h('p', { class: 'quiz-result', id: 'quiz-result', role: 'status', 'aria-live': 'polite' });
  private legend = h('ul', { class: 'legend', id: 'quiz-legend' });
  private question = 0;
  private correct: number[] = [];
  private mystery: number[] = [];
  private picked: { choice: Choice; E: number[]; error: LoopError | null; right: boolean } | null = null;

  /** changed: the question moved on (the address keeps it). */
  constructor(private readonly core: BackpropCore, private readonly t: Translate, private readonly changed: () => void = () => {}) {
    this.chart.plot.append(this.curves);
    this.chart.onResize(() => this.render());
    this.chart.element.id = 'quiz-chart';
    this.element = h(
      'div',
      { class: 'bug-quiz', id: 'bug-quiz' },
      h('p', { class: 'hint', 'data-i18n': 'buglab.quiz.intro' }),
      this.chart.element,
      this.legend,
      this.options,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', id: 'quiz-check', class: 'primary', onclick: () => this.check(), 'data-i18n': 'buglab.quiz.check' }),
        h('button', { type: 'button', id: 'quiz-next', onclick: () => this.next(), 'data-i18n': 'buglab.quiz.next' }),
      ),
      this.result,
    );
    this.correct = this.curve('none').E;
    this.ask();
  }

  private curve(choice: Choice | 'none'): { E: number[]; error: LoopError | null } {
    const r = this.core.trainingRun({ ...specOf(this.core, choice), iterations: ITERATIONS });
    return { E: Array.from(r.E_total), error: r.error };
  }

  private label(choice: Choice): string {
    return choice === 'no_zero_grad' ? this.t('training.forget_zero_grad') : choice === 'backward_twice' ? `${this.t('buglab.bug.backward_twice')} (retain_graph=True)` : this.t(`buglab.bug.${choice}`);
  }

  private ask(): void {
    this.mystery = this.curve(QUESTIONS[this.question]).E;
    this.picked = null;
    this.element.dataset.question = String(this.question + 1);
    this.renderOptions();
    this.result.textContent = '';
    delete this.result.dataset.result;
    this.render();
  }

  private renderOptions(): void {
    const chosen = this.options.querySelector<HTMLInputElement>('input:checked')?.value;
    this.options.replaceChildren(
      h('legend', {}, this.t('buglab.quiz.question')),
      ...CHOICES.map((c) => {
        const input = h('input', { type: 'radio', name: 'quiz-bug', id: `quiz-${c}`, value: c });
        input.checked = c === chosen && this.picked !== null;
        return h('div', { class: 'quiz-option' }, input, h('label', { for: `quiz-${c}` }, this.label(c)));
      }),
    );
  }

  check(): void {
    const choice = this.options.querySelector<HTMLInputElement>('input:checked')?.value as Choice | undefined;
    if (!choice) {
      this.result.textContent = this.t('buglab.quiz.pick_one');
      this.result.dataset.result = 'none';
      return;
    }
    const r = this.curve(choice);
    const right = !r.error && same(r.E, this.mystery);
    this.picked = { choice, ...r, right };
    this.renderResult();
    this.render();
  }

  private renderResult(): void {
    const p = this.picked;
    if (!p) return;
    const bug = this.label(p.choice);
    this.result.textContent = p.right
      ? this.t(p.choice === QUESTIONS[this.question] ? 'buglab.quiz.right' : 'buglab.quiz.right_too', { bug })
      : this.t(p.error ? 'buglab.quiz.wrong_error' : 'buglab.quiz.wrong', { bug, n: p.error?.iteration ?? 0 });
    this.result.dataset.result = p.right ? 'right' : 'wrong';
  }

  next(): void {
    this.goTo(((this.question + 1) % QUESTIONS.length) + 1);
    this.changed();
  }

  /** The question shown, from 1. */
  get current(): number {
    return this.question + 1;
  }

  /** Asks question n (from 1), its answer unpicked. */
  goTo(n: number): void {
    this.question = n - 1;
    for (const input of this.options.querySelectorAll<HTMLInputElement>('input')) input.checked = false;
    this.ask();
  }

  /** Scrolls the quiz, its title first, into view (a link to it: training.html#quiz=1). */
  reveal(): void {
    requestAnimationFrame(() => (this.element.parentElement ?? this.element).scrollIntoView({ block: 'start' }));
  }

  render(): void {
    const runs: { E: number[]; cls: string; key: string }[] = [
      { E: this.correct, cls: 'quiz-correct', key: 'buglab.quiz.correct_curve' },
      { E: this.mystery, cls: 'quiz-mystery', key: 'buglab.quiz.mystery_curve' },
      ...(this.picked && !this.picked.right && !this.picked.error ? [{ E: this.picked.E, cls: 'quiz-picked', key: 'buglab.quiz.picked_curve' }] : []),
    ];
    const all = runs.flatMap((r) => r.E).filter((v) => Number.isFinite(v) && v > 0);
    const [lo, hi] = extent(all, 0);
    this.chart.domains([0, ITERATIONS], [Math.max(lo * 0.8, 1e-300), hi * 1.25], true);
    this.chart.labels(this.t('training.axis_iteration'), this.t('training.axis_loss_log'), this.t('buglab.quiz.chart_alt'));
    this.curves.replaceChildren(...runs.map((r) => s('path', { class: `curve ${r.cls}`, d: this.chart.path(r.E.map((_, k) => k), r.E) })));
    this.legend.replaceChildren(...runs.map((r) => h('li', { class: r.cls }, s('svg', { viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true' }, s('line', { x1: 0, y1: 5, x2: 30, y2: 5, class: `curve ${r.cls}` })), ` ${this.t(r.key)}`)));
  }

  retranslate(): void {
    this.renderOptions();
    this.renderResult();
    this.render();
  }
}
