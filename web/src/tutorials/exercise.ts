// A tutorial's exercise: its question and hints (typeset in the step's
// content), its widget in the block's state, and a form for the answer. The
// core computes what is asked from what the widget shows and checks the
// answer (core/api/exercise.cpp): to the digits given, or within the block's
// tolerance; a term's answer that is a catalogued mistake gets its hint.
import { loadExerciseCore } from '../shared/core';
import { type BackpropCore, type ExerciseAnswer, type ExerciseCompute, isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import type { ExerciseSource } from '../shared/widget';
import type { Ask, ExerciseBlock } from './markdown';

/** An answer as progress keeps it. */
export interface Given {
  value: string;
  right: boolean;
}

/** What the core is asked, from the answer line and what the widget shows; null when the widget shows nothing valid. */
export function computeOf(ask: Ask, source: ExerciseSource | null): ExerciseCompute | null {
  if (!source) return null;
  if (ask.kind === 'term') return source.kind === 'stepper' ? { config: source.config, term: ask.term } : null;
  if (ask.kind === 'loss') return source.kind === 'losses' ? { loss: source.loss } : null;
  if (source.kind !== 'race') return null;
  if (ask.kind === 'position') return { race: { ...source.race, steps: ask.steps }, optimizer: ask.optimizer, at: ask.at };
  const race = { ...source.race, steps: ask.steps ?? source.race.steps };
  return ask.kind === 'first_below' ? { race, choose: 'first_below', below: ask.below } : { race, choose: 'lowest' };
}

function numberText(value: number): string {
  return exact(value).replace('-', '−');
}

export class ExerciseForm {
  /** The answer's form: under the question and the widget. */
  readonly element: HTMLElement;
  private core: BackpropCore | null = null;
  private compute: ExerciseCompute | null = null;
  private kind: ExerciseAnswer['kind'] = 'number';
  private options: string[] = [];
  private input: HTMLInputElement;
  private choices = h('fieldset', { class: 'tx-choices', hidden: true });
  private answerRow: HTMLElement;
  private hintButton = h('button', { type: 'button', class: 'tx-hint-button' });
  private showButton = h('button', { type: 'button', class: 'tx-show' });
  private checkButton = h('button', { type: 'button', class: 'primary tx-check' });
  private verdict = h('p', { class: 'tx-verdict', role: 'status', 'aria-live': 'polite' });
  private hintsShown = 0;
  /** What the reader was last told, to say again in another language. */
  private said: ((t: Translate) => string) | null = null;
  private saidClass = '';

  constructor(
    private readonly block: ExerciseBlock,
    /** A name unique in the page, for the form's ids. */
    private readonly name: string,
    private readonly hints: HTMLOListElement,
    private t: Translate,
    /** The answer kept from before, read once the form starts. */
    private readonly given: () => Given | null,
    private readonly answered: (given: Given) => void,
  ) {
    this.input = h('input', {
      id: `${name}-answer`,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${name}-verdict`,
    }) as HTMLInputElement;
    this.verdict.id = `${name}-verdict`;
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void this.check();
    });
    this.checkButton.addEventListener('click', () => void this.check());
    this.hintButton.addEventListener('click', () => this.nextHint());
    this.showButton.addEventListener('click', () => void this.reveal());
    for (const li of hints.children) (li as HTMLElement).hidden = true;
    hints.classList.add('tx-hints');
    this.answerRow = h('div', { class: 'tx-answer' }, h('label', { for: this.input.id, class: 'tx-label' }), this.input, this.checkButton);
    this.element = h(
      'div',
      { class: 'tx-form' },
      this.answerRow,
      this.choices,
      h('div', { class: 'tx-buttons' }, this.hintButton, this.showButton),
      this.hints,
      this.verdict,
    );
    this.setEnabled(false);
    this.translate(t);
  }

  /** Asks the core what the widget's state gives; a problem (for the tutorial's writer) when it gives nothing. */
  async start(source: ExerciseSource | null): Promise<string | null> {
    if (!this.block.ask) return null;
    const compute = computeOf(this.block.ask, source);
    if (!compute) return this.t('tutorial.exercise.no_source');
    const core = await loadExerciseCore();
    let shown: ExerciseAnswer;
    try {
      shown = core.exerciseAnswer({ compute, ...(this.block.tolerance ? { tolerance: this.block.tolerance } : {}) });
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return errorMessage(e, undefined, this.t);
    }
    if (shown.value === null) return this.t('tutorial.exercise.no_value');
    this.core = core;
    this.compute = compute;
    this.kind = shown.kind;
    this.options = shown.options ?? [];
    this.renderChoices();
    this.setEnabled(true);
    const given = this.given();
    if (given) {
      this.setAnswer(given.value);
      await this.check(false);
    }
    return null;
  }

  private setEnabled(on: boolean): void {
    for (const el of [this.input, this.checkButton, this.showButton]) el.disabled = !on;
    this.hintButton.disabled = !on || this.hintsShown >= this.block.hints;
  }

  private renderChoices(): void {
    const choice = this.kind === 'choice';
    this.answerRow.hidden = choice;
    this.choices.hidden = !choice;
    if (!choice) return;
    const picked = this.choices.childElementCount ? this.answer() : '';
    this.choices.replaceChildren(
      h('legend', {}, this.t('tutorial.exercise.choose')),
      ...this.options.map((id) =>
        h(
          'label',
          { class: 'tx-choice' },
          h('input', { type: 'radio', name: `${this.name}-choice`, value: id }),
          ` ${this.optionName(id)}`,
        ),
      ),
      h('button', { type: 'button', class: 'primary tx-check', onclick: () => void this.check() }, this.t('tutorial.exercise.check')),
    );
    if (picked) this.setAnswer(picked);
  }

  private optionName(id: string): string {
    const key = `race.name.${id}`;
    const name = this.t(key);
    return name === key ? id : name;
  }

  private answer(): string {
    if (this.kind === 'number') return this.input.value;
    return this.choices.querySelector<HTMLInputElement>('input:checked')?.value ?? '';
  }

  private setAnswer(text: string): void {
    if (this.kind === 'number') this.input.value = text;
    else for (const radio of this.choices.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === text;
  }

  private say(text: ((t: Translate) => string) | null, verdict = ''): void {
    this.said = text;
    this.saidClass = verdict;
    this.verdict.textContent = text ? text(this.t) : '';
    this.verdict.dataset.verdict = verdict;
  }

  private async check(report = true): Promise<void> {
    if (!this.core || !this.compute) return;
    const text = this.answer();
    if (this.kind === 'choice' && !text) {
      this.say((t) => t('tutorial.exercise.pick'), 'none');
      return;
    }
    let got: ExerciseAnswer;
    try {
      got = this.core.exerciseAnswer({ compute: this.compute, answer: text, ...(this.block.tolerance ? { tolerance: this.block.tolerance } : {}) });
    } catch (e) {
      if (!isCoreError(e)) throw e;
      this.say((t) => errorMessage(e, undefined, t), 'error');
      return;
    }
    const verdict = got.verdict ?? 'wrong';
    const value = got.value;
    if (verdict === 'right') {
      const shown = Array.isArray(value) ? this.optionName(text) : numberText(value as number);
      this.say((t) => t('tutorial.exercise.right', { value: shown }), 'right');
    } else if (verdict === 'too_few_digits') {
      this.say((t) => t('exercise.too_few_digits', { min: got.min_digits ?? 3, digits: got.digits ?? 0 }), verdict);
    } else if (verdict === 'not_a_number') {
      const typed = text.slice(0, 40);
      this.say((t) => t('exercise.not_a_number', { text: typed }), verdict);
    } else if (verdict === 'mistake' && got.mistake) {
      const mistake = got.mistake;
      this.say((t) => t(`exercise.mistake.${mistake}`), verdict);
    } else {
      this.say((t) => t(this.block.hints > this.hintsShown ? 'tutorial.exercise.wrong_hint' : 'tutorial.exercise.wrong'), 'wrong');
    }
    this.element.dataset.verdict = verdict;
    if (report && verdict !== 'too_few_digits' && verdict !== 'not_a_number') this.answered({ value: text, right: verdict === 'right' });
  }

  private nextHint(): void {
    const li = this.hints.children[this.hintsShown] as HTMLElement | undefined;
    if (!li) return;
    li.hidden = false;
    this.hintsShown++;
    this.translate(this.t);
    this.setEnabled(Boolean(this.core));
  }

  private async reveal(): Promise<void> {
    if (!this.core || !this.compute) return;
    const shown = this.core.exerciseAnswer({ compute: this.compute });
    const value = shown.value;
    if (value === null) return;
    const text = Array.isArray(value) ? value.map((id) => this.optionName(id)).join(', ') : numberText(value);
    this.say((t) => t('tutorial.exercise.shown', { value: text }), 'shown');
    this.element.dataset.verdict = 'shown';
  }

  /** The form's words in the tutorial's language. */
  translate(t: Translate): void {
    this.t = t;
    (this.answerRow.querySelector('label') as HTMLElement).textContent = t('tutorial.exercise.your_answer');
    this.checkButton.textContent = t('tutorial.exercise.check');
    this.showButton.textContent = t('tutorial.exercise.show');
    this.hintButton.hidden = this.block.hints === 0;
    this.hintButton.textContent =
      this.hintsShown >= this.block.hints ? t('tutorial.exercise.hints_all') : t('tutorial.exercise.hint', { n: this.hintsShown + 1, total: this.block.hints });
    if (this.kind === 'choice') this.renderChoices();
    if (this.said) this.say(this.said, this.saidClass);
  }
}
