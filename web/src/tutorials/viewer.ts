// A tutorial read step by step, like slides: Next and Back (and the arrow
// keys) move through the steps, and each step sets its widgets to the state
// its blocks name. Problems are shown where they are, with their lines.
import { loadCore, loadExerciseCore } from '../shared/core';
import { h } from '../shared/dom';
import { defineWidget, type WidgetElement } from '../shared/element';
import { hasLang, loadLang, t as pageT, type Translate, translate } from '../shared/i18n';
import { fitTypeset } from '../shared/math';
import { readHash } from '../shared/hash';
import { widgetDef, widgetHref, widgets } from '../shared/registry';
import { shown } from '../shared/widget';
import { ExerciseForm, type Given } from './exercise';
import { type ExerciseBlock, parseTutorial, type Step, type Tutorial, type TutorialError, type WidgetBlock } from './markdown';

const WIDGET_TAGS = new Set(['BACKPROP-STEPPER', 'LOSS-EXPLORER', 'OPTIMIZER-RACE', 'TRAINING-LOOP']);

function widgetOf(path: EventTarget[]): HTMLElement | null {
  return (path.find((el) => el instanceof HTMLElement && WIDGET_TAGS.has(el.tagName)) as HTMLElement | undefined) ?? null;
}

function isField(path: EventTarget[]): boolean {
  return path.some((el) => el instanceof HTMLElement && el.matches('input, select, textarea, [contenteditable]'));
}

function errorLine(e: TutorialError): HTMLElement {
  return h('li', { 'data-line': e.line }, pageT('tutorial.line', { line: e.line }), ' ', e.message());
}

export class TutorialViewer {
  readonly element: HTMLElement;
  private tutorial: Tutorial = { title: '', steps: [], errors: [], lang: null };
  /** The tutorial's language (its front matter's), else the page's: its chrome and its widgets speak it. */
  private tr: Translate = pageT;
  private index = 0;
  /** Widget elements kept from step to step: the same stepper moves on. */
  private pool = new Map<string, WidgetElement>();
  private titleEl = h('h1', { class: 'tutorial-title', id: 'tutorial-title' });
  private progress = h('progress', { id: 'tutorial-progress', max: 1, value: 0, 'aria-labelledby': 'tutorial-position' });
  private position = h('p', { class: 'position', id: 'tutorial-position' });
  private stepPicker = h('select', { id: 'tutorial-step', 'aria-label': '' });
  private problems = h('details', { class: 'tutorial-problems', id: 'tutorial-problems', hidden: true });
  private body = h('section', { class: 'tutorial-step', id: 'tutorial-step-body', 'aria-live': 'polite' });
  private back = h('button', { type: 'button', id: 'tutorial-back', onclick: () => this.go(this.index - 1) });
  private next = h('button', { type: 'button', id: 'tutorial-next', class: 'primary', onclick: () => this.go(this.index + 1) });
  /** Next again under a long step, which then scrolls back to the top of the next one. */
  private nextBelow = h('button', { type: 'button', id: 'tutorial-next-below', class: 'primary', onclick: () => {
    this.go(this.index + 1);
    this.element.scrollIntoView({ block: 'start' });
  } });
  private keys = h('span', { class: 'hint' });
  /** The reader's progress and its reset, filled by the page. */
  readonly record = h('div', { class: 'tutorial-record', id: 'tutorial-record' });
  private rendered = -1;
  /** Presenter mode: the text beside its widgets, one screen a step. */
  private presenting = false;
  /** The widget that was clicked: it has the arrow keys until Esc (or a click outside it). */
  private keyHolder: HTMLElement | null = null;
  /** The step's exercises' forms, to translate. */
  private forms: ExerciseForm[] = [];
  /** The reader's answers, by exercise id (the page keeps them). */
  answers: () => Record<string, Given> = () => ({});
  /** Called when the reader checks an answer. */
  onAnswer: (id: string, given: Given) => void = () => undefined;

  constructor(
    private changed: (index: number) => void,
    home: HTMLElement,
  ) {
    this.stepPicker.addEventListener('change', () => this.go(Number(this.stepPicker.value)));
    this.element = h(
      'article',
      { class: 'tutorial', 'aria-labelledby': 'tutorial-title', tabindex: -1 },
      h(
        'div',
        { class: 'tutorial-head' },
        home,
        this.titleEl,
        h('div', { class: 'tutorial-progress' }, this.progress, this.position, this.stepPicker),
        this.record,
        h('nav', { class: 'tutorial-nav', 'aria-label': '' }, this.back, this.next, this.keys),
      ),
      this.problems,
      this.body,
      h('div', { class: 'tutorial-below' }, this.nextBelow),
    );
    // Before the widgets see it: the lesson decides whose key it is.
    document.addEventListener('keydown', (event) => this.onKey(event), true);
    document.addEventListener('pointerdown', (event) => this.holdKeys(widgetOf(event.composedPath())), true);
  }

  /** Gives the arrow keys to a widget (or back to the tutorial), and shows who has them. */
  private holdKeys(widget: HTMLElement | null): void {
    if (widget && !this.body.contains(widget)) widget = null;
    if (widget === this.keyHolder) return;
    this.keyHolder?.closest('.widget-slot')?.classList.remove('has-keys');
    this.keyHolder = widget;
    widget?.closest('.widget-slot')?.classList.add('has-keys');
  }

  get step(): number {
    return this.index;
  }

  /** The tutorial's messages: in its language, else the page's. */
  get t(): Translate {
    return this.tr;
  }

  get count(): number {
    return this.tutorial.steps.length;
  }

  /** The tutorial's exercises' ids, every step's. */
  get exerciseIds(): string[] {
    return this.tutorial.steps.flatMap((s) => s.exercises.map((e) => e.id));
  }

  /** Shows a tutorial's source; keeps the step when the same one is reloaded in another language. */
  load(source: string, index = 0): void {
    this.tutorial = parseTutorial(source);
    const lang = this.tutorial.lang;
    this.tr = lang ? (key, params) => translate(lang, key, params) : pageT;
    if (lang) this.element.lang = lang;
    else this.element.removeAttribute('lang');
    this.rendered = -1;
    this.index = Math.max(0, Math.min(index, this.count - 1));
    this.renderProblems();
    this.render();
    // A tutorial in another language than the page's: its controls once that catalog is here.
    const tutorial = this.tutorial;
    if (lang && !hasLang(lang)) void loadLang(lang).then(() => tutorial === this.tutorial && this.retranslate());
  }

  go(index: number): void {
    const next = Math.max(0, Math.min(this.count - 1, index));
    if (next === this.index && this.rendered === next) return;
    this.index = next;
    this.render();
    this.changed(this.index);
  }

  /**
   * PageDown and PageUp (what a presentation clicker sends) always move the
   * tutorial; so do the arrows, unless a widget was clicked: it has them
   * until Esc hands them back. Keys typed in a field are the field's.
   */
  private onKey(event: KeyboardEvent): void {
    if (!this.element.isConnected || this.element.closest('[hidden]') || event.altKey || event.ctrlKey || event.metaKey) return;
    const path = event.composedPath();
    if (isField(path)) return;
    if (event.key === 'Escape' && this.keyHolder) {
      // Handled: presenter mode stays on.
      event.preventDefault();
      this.holdKeys(null);
      this.element.focus({ preventScroll: true });
      return;
    }
    const moves: Record<string, number> = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    if (!(event.key in moves)) return;
    const arrow = event.key.startsWith('Arrow');
    if (arrow && this.keyHolder && widgetOf(path) === this.keyHolder) return;
    event.preventDefault();
    event.stopPropagation();
    this.go(this.index + moves[event.key]);
  }

  /** Presenter mode on or off: the step is shown again, laid out for it. */
  present(on: boolean): void {
    if (on === this.presenting) return;
    this.presenting = on;
    this.rendered = -1;
    this.render();
  }

  retranslate(): void {
    this.renderProblems();
    this.rendered = -1;
    this.render();
  }

  private renderProblems(): void {
    const all = [...this.tutorial.errors].sort((a, b) => a.line - b.line);
    this.problems.hidden = all.length === 0;
    this.problems.replaceChildren(
      h('summary', {}, pageT('tutorial.problems', { n: all.length })),
      h('ul', {}, ...all.map(errorLine)),
    );
  }

  private render(): void {
    const { steps } = this.tutorial;
    this.titleEl.textContent = this.tutorial.title || this.tr('tutorial.untitled');
    this.progress.max = Math.max(1, steps.length);
    this.progress.value = steps.length ? this.index + 1 : 0;
    this.position.textContent = steps.length ? this.tr('tutorial.position', { n: this.index + 1, total: steps.length }) : '';
    this.stepPicker.setAttribute('aria-label', this.tr('tutorial.go_to'));
    this.stepPicker.replaceChildren(
      ...steps.map((s, i) => h('option', { value: String(i) }, `${i + 1}. ${s.title || this.tutorial.title || this.tr('tutorial.untitled')}`)),
    );
    this.stepPicker.value = String(this.index);
    this.stepPicker.hidden = steps.length < 2;
    this.back.textContent = this.tr('tutorial.back');
    this.next.textContent = this.tr('tutorial.next');
    this.nextBelow.textContent = this.tr('tutorial.next');
    this.keys.textContent = this.tr('tutorial.keys');
    this.back.disabled = this.index === 0;
    this.next.disabled = this.index >= steps.length - 1;
    this.nextBelow.hidden = this.next.disabled;
    this.element.querySelector('nav')!.setAttribute('aria-label', this.tr('tutorial.nav'));
    this.element.dataset.step = String(this.index + 1);
    this.element.dataset.steps = String(steps.length);
    if (this.rendered === this.index) return;
    this.rendered = this.index;
    const step = steps[this.index];
    if (!step) {
      this.body.replaceChildren();
      return;
    }
    this.showStep(step);
  }

  private showStep(step: Step): void {
    // The step's content is kept parsed; a copy is shown, so going back shows it afresh.
    // The copy is imported into this document: a widget put into nodes of the
    // parser's document would be adopted there and lose its style sheets.
    const content = document.importNode(step.content, true);
    // A link to a widget's page (./training.html#quiz=1) goes where that widget is
    // shown here: its page on the site, its view in the one-file copy.
    for (const a of content.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const m = /^(?:\.\/)?([a-z]+\.html)(#.*)?$/.exec(a.getAttribute('href') ?? '');
      const def = m && widgets.find((w) => w.page === m[1]);
      if (def) a.href = widgetHref(def.id, readHash(m![2] ?? ''));
    }
    const used = new Map<string, number>();
    const slots = [...content.querySelectorAll<HTMLElement>('[data-widget-slot]')];
    const fills: (() => void)[] = [];
    for (const slot of slots) {
      const block = step.widgets[Number(slot.dataset.widgetSlot)];
      if (!block) continue;
      fills.push(this.fillSlot(slot, block, used));
    }
    this.forms = [];
    content.querySelectorAll<HTMLElement>('[data-exercise-slot]').forEach((slot, i) => {
      const block = step.exercises[Number(slot.dataset.exerciseSlot)];
      if (block) fills.push(this.fillExercise(slot, block, used, `exercise-${this.index + 1}-${i + 1}`));
      else slot.remove();
    });
    this.holdKeys(null);
    const title = step.title ? [h('h2', {}, step.title)] : [];
    // An exercise's widget (shown) goes beside the text too; its question and form stay in the text.
    const beside = [...slots, ...content.querySelectorAll<HTMLElement>('.tutorial-exercise > .widget-slot')];
    if (this.presenting && beside.length) {
      // The text in one column, its widgets beside it.
      const widgets = h('div', { class: 'step-widgets' }, ...beside);
      this.body.replaceChildren(h('div', { class: 'step-text' }, ...title, content), widgets);
    } else {
      this.body.replaceChildren(...title, content);
    }
    this.body.classList.toggle('split', this.presenting && beside.length > 0);
    for (const el of this.body.querySelectorAll<HTMLElement>('.math.display')) fitTypeset(el);
    for (const fill of fills) fill();
    this.prefetch(this.tutorial.steps[this.index + 1]);
  }

  /**
   * The modules of the next step's widgets (each kind's own, and the
   * exercises') load while the reader reads this step, once the page is idle,
   * so Next shows them without a wait. Each module loads once a page.
   */
  private prefetch(next: Step | undefined): void {
    if (!next) return;
    const kinds = new Set([...next.widgets, ...next.exercises].map((b) => b.widget).filter((w) => w !== null));
    const exercises = next.exercises.length > 0;
    if (!kinds.size && !exercises) return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => {
      // A module that fails to load here is tried again when its widget starts, which says so.
      for (const kind of kinds) loadCore(kind).catch(() => {});
      if (exercises) loadExerciseCore().catch(() => {});
    });
  }

  /**
   * An exercise: its question, its widget (hidden with show_widget = no) in the
   * block's state, and the answer's form once the core has computed what the
   * state gives; a state that gives nothing is a problem of the tutorial's.
   */
  private fillExercise(slot: HTMLElement, block: ExerciseBlock, used: Map<string, number>, name: string): () => void {
    slot.className = 'tutorial-exercise';
    slot.setAttribute('role', 'group');
    const question = slot.querySelector<HTMLElement>('[data-exercise-part="question"]');
    if (question) {
      question.id = `${name}-question`;
      question.className = 'tx-question';
      slot.setAttribute('aria-labelledby', question.id);
    }
    const hints = slot.querySelector<HTMLOListElement>('[data-exercise-part="hints"]') ?? (h('ol', {}) as HTMLOListElement);
    const label = h('p', { class: 'tx-title' }, this.tr('tutorial.exercise.title'));
    slot.prepend(label);
    const widget = h('div', { class: block.show ? 'widget-slot' : 'tx-unseen' });
    const form = new ExerciseForm(block, name, hints, this.tr, () => this.answers()[block.id] ?? null, (given) => this.onAnswer(block.id, given));
    this.forms.push(form);
    slot.append(widget, form.element);
    const fill = this.fillSlot(widget, block, used, async (element, show) => {
      const problem = await form.start(element.exerciseSource());
      if (problem) show([{ line: block.lines.get('answer') ?? block.line, message: () => problem }]);
    });
    // show_widget = no: the widget computes, unseen; its problems are still shown.
    if (!block.show) {
      const element = widget.querySelector<HTMLElement>(':scope > :not(ul, p)');
      if (element) element.hidden = true;
      widget.querySelector('.keys-badge')?.remove();
    }
    return fill;
  }

  /** Puts a widget in its slot (taken from the pool), then applies the block's state. */
  private fillSlot(
    slot: HTMLElement,
    block: WidgetBlock,
    used: Map<string, number>,
    applied?: (element: WidgetElement, show: (more: TutorialError[]) => void) => Promise<void>,
  ): () => void {
    const errors = h('ul', { class: 'tutorial-errors', role: 'status' });
    const show = (list: TutorialError[]) => {
      errors.replaceChildren(...[...list].sort((a, b) => a.line - b.line).map(errorLine));
      errors.hidden = list.length === 0;
    };
    slot.append(errors, h('p', { class: 'keys-badge', 'aria-live': 'polite' }, this.tr('tutorial.widget_has_keys')));
    if (!block.widget) {
      show(block.errors);
      return () => undefined;
    }
    const def = widgetDef(block.widget);
    defineWidget(def);
    const n = used.get(def.id) ?? 0;
    used.set(def.id, n + 1);
    const key = `${def.id}#${n}`;
    let element = this.pool.get(key);
    if (!element) {
      element = document.createElement(def.tag) as WidgetElement;
      element.quiet = true;
      // Focusable, so a click anywhere in it gives it the arrow keys.
      element.tabIndex = -1;
      this.pool.set(key, element);
    }
    element.hidden = false;
    slot.append(element);
    const target = element;
    return () => {
      void target.ready.then(() => {
        if (!target.isConnected) return;
        const state = new Map(block.state);
        if (this.presenting) state.set('present', '1');
        const problems = target.apply(state);
        const list: TutorialError[] = [
          ...block.errors,
          ...problems.map((p) => ({
            line: block.lines.get(p.key) ?? block.line,
            message: () => `${p.value === '' ? p.key : `${p.key} = ${shown(p.value)}`}: ${target.describe(p)}`,
          })),
        ];
        show(list);
        if (applied) void applied(target, (more) => show([...list, ...more]));
      });
    };
  }
}
