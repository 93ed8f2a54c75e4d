// A widget as a custom element: <backprop-stepper term="dE_total/dw5">.
// Each instance lives in its own shadow root (its ids, styles and radio
// groups stay its own), is configured by attributes named like the
// address's keys, and reports what it could not apply in a notice. It
// speaks its lang attribute's language, else the nearest ancestor's, else
// the page's, and changes nothing outside itself.
import { loadCore } from './core';
import { isCoreError } from './core-types';
import { h } from './dom';
import { nextTask } from './tasks';
import { errorMessage } from './errors';
import { hasLang, isLang, type Lang, lang as pageLang, langOf, loadLang, onLangChange, translate, translateTree } from './i18n';
import { widgetHref } from './registry';
import { adoptShadow } from './styles';
// The tools' own styles; the code that draws a step (./export-step.ts) is loaded when first used.
import toolsCss from './export-step.css?inline';
import { isThemeChoice, onThemeChange, surroundingTheme, type ThemeChoice } from './theme';
import {
  isOff,
  isOn,
  applyFlags,
  applyState,
  type ExerciseSource,
  type Flags,
  flagsState,
  type Problem,
  problem,
  readFlags,
  shown,
  type State,
  type Widget,
  type WidgetDef,
  widgetState,
} from './widget';

/** Attributes that are the element's own, not part of the widget's state. */
const OWN_ATTRIBUTES = new Set(['id', 'class', 'style', 'slot', 'title', 'hidden', 'tabindex', 'role', 'part', 'inert']);

export class WidgetElement extends HTMLElement {
  static def: WidgetDef;
  /** Set by the site's page before the element connects: keys from the whole document, state from the address. */
  pageMode = false;
  /** Set by a host that shows the problems itself (a tutorial, with line numbers). */
  quiet = false;
  /** Resolves when the widget has drawn its first state. */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private widget: Widget | null = null;
  private pending: State | null = null;
  private started = false;
  private applying = false;
  private flags: Flags = { hide: new Set(), lock: new Set() };
  private problems: Problem[] = [];
  private notice = h('div', { class: 'state-notice', role: 'status', hidden: true });
  private container = h('div', { class: 'widget' });
  /** Its own tools, above the widget: the current step as a picture, and who has the keys. */
  private tools = h('div', { class: 'widget-tools', hidden: true });
  /** Why the last step could not be saved (its key and message), or null. */
  private saveFailure: { key: string; message: string } | null = null;
  private stopLang: (() => void) | null = null;
  /** The language asked for (its lang attribute or key), else null: the page around it. */
  private langChoice: Lang | null = null;
  /** The language it speaks now. */
  private spoken: Lang = pageLang();
  /** Its messages, in its language. */
  readonly t = (key: string, params?: Record<string, string | number>) => translate(this.spoken, key, params);
  private observer: MutationObserver | null = null;
  /** light, dark, or auto: the page around it. */
  private theme: ThemeChoice = 'auto';
  private stopTheme: (() => void) | null = null;
  /** The widget's own style sheets, adopted again if a move through another document dropped them. */
  private css: string[] | null = null;

  constructor() {
    super();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.addEventListener('keydown', (event) => this.keepKeys(event));
    this.addEventListener('keypress', (event) => !this.pageMode && event.stopPropagation());
  }

  /**
   * On a page of its own (a course page, a slide) a widget clicked or
   * tabbed into has the keyboard: its keys go no further (a slide deck
   * keeps still). Esc hands them back: the focus leaves the widget, and
   * the Esc goes no further either (no deck overview, presenter mode stays).
   */
  private keepKeys(event: KeyboardEvent): void {
    if (this.pageMode) return;
    if (event.key === 'Escape') {
      if (event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      const focused = this.shadowRoot?.activeElement;
      if (focused instanceof HTMLElement || focused instanceof SVGElement) focused.blur();
      return;
    }
    event.stopPropagation();
  }

  /** In an embed view (an iframe), Esc asks the page around to take the keyboard back. */
  private releaseFrameKeys(): void {
    if (window.parent === window) return;
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || !this.hasAttribute('data-embed')) return;
        event.preventDefault();
        (document.activeElement as HTMLElement | null)?.blur?.();
        window.parent.postMessage({ type: 'backprop-keys', widget: this.def.id }, '*');
      },
      true,
    );
  }

  /**
   * Saves the current step as SVG or PNG. The code that draws it comes with
   * the first save; if it cannot come, or the picture cannot be made, the
   * tools say why.
   */
  private async save(kind: 'svg' | 'png'): Promise<void> {
    const state = this.widget ? widgetState(this.widget) : new Map<string, string>();
    const link = new URL(widgetHref(this.def.id, state), location.href).href;
    const term = state.get('term');
    const name = `${this.def.id}${term ? `-${term.replace(/[^\w.+-]+/g, '-')}` : ''}`;
    const failed = (key: string, e: unknown) => {
      this.saveFailure = { key, message: e instanceof Error ? e.message : String(e) };
      this.renderTools();
    };
    let saveStep: typeof import('./export-step').saveStep;
    try {
      ({ saveStep } = await import('./export-step'));
    } catch (e) {
      failed('handout.load_failed', e);
      return;
    }
    try {
      await saveStep(kind, this.container, this.def.id, this.t(this.def.title), link, name);
    } catch (e) {
      failed('handout.failed', e);
      return;
    }
    if (this.saveFailure) {
      this.saveFailure = null;
      this.renderTools();
    }
  }

  /** The buttons that save the current step as SVG and PNG, and the hint on the keys. */
  private renderTools(): void {
    const save = (kind: 'svg' | 'png') => void this.save(kind);
    const failure = this.saveFailure;
    this.tools.replaceChildren(
      h('span', { class: 'keys-hint', 'aria-hidden': 'true' }, this.pageMode ? '' : this.t('handout.keys_held')),
      h(
        'span',
        { class: 'handout', role: 'group', 'aria-label': this.t('handout.label'), 'data-part': 'handout' },
        h('span', { class: 'handout-label' }, this.t('handout.save')),
        h('button', { type: 'button', class: 'small', 'data-export': 'svg', title: this.t('handout.svg_title'), onclick: () => save('svg') }, 'SVG'),
        h('button', { type: 'button', class: 'small', 'data-export': 'png', title: this.t('handout.png_title'), onclick: () => save('png') }, 'PNG'),
      ),
      ...(failure ? [h('p', { class: 'field-error handout-failed', role: 'alert', 'data-part': 'handout' }, this.t(failure.key, { message: failure.message }))] : []),
    );
    applyFlags(this.tools, this.flags);
  }

  /**
   * Styles the widget adds once it needs them (with code loaded on first
   * use): adopted now, and again with its own after a move.
   */
  addStyles(css: string): void {
    if (!this.shadowRoot) return;
    if (this.css && !this.css.includes(css)) this.css.push(css);
    adoptShadow(this.shadowRoot, ...(this.css ?? [css]));
  }

  get def(): WidgetDef {
    return (this.constructor as typeof WidgetElement).def;
  }

  connectedCallback(): void {
    this.followTheme();
    if (this.started) {
      // An element adopted into another document (content parsed elsewhere,
      // then moved back) loses its shadow root's adopted style sheets.
      if (this.css && this.shadowRoot && this.ownerDocument === document) adoptShadow(this.shadowRoot, ...this.css);
      this.followLanguage();
      this.updateLanguage();
      return;
    }
    this.started = true;
    this.spoken = this.resolveLanguage();
    void this.start();
  }

  /** Its lang key, else the nearest ancestor's lang attribute (across shadow roots), else the page's. */
  private resolveLanguage(): Lang {
    if (this.langChoice) return this.langChoice;
    for (let node: Element | null = this.parentElement ?? ((this.getRootNode() as ShadowRoot).host as Element | undefined) ?? null; node; ) {
      const attr = node.getAttribute('lang');
      if (attr !== null) return langOf(attr) ?? 'en';
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    }
    return pageLang();
  }

  /** Speaks the language it should now; re-renders if that changed. */
  private updateLanguage(): void {
    const next = this.resolveLanguage();
    if (next === this.spoken) return;
    if (!hasLang(next)) {
      // Once its catalog is here (it may no longer be the one asked for then).
      void loadLang(next).then(() => this.updateLanguage());
      return;
    }
    this.spoken = next;
    this.container.lang = next;
    if (!this.widget) return;
    translateTree(this.container, this.t);
    this.widget.retranslate();
    this.renderTools();
    this.renderNotice();
  }

  /** The language it speaks. */
  get language(): Lang {
    return this.spoken;
  }

  disconnectedCallback(): void {
    // Moving the element keeps it; only a removal stops its timers.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.widget?.stop?.();
      this.stopLang?.();
      this.stopLang = null;
      this.stopTheme?.();
      this.stopTheme = null;
    });
  }

  /** Sets data-theme, which the shared styles read: the chosen theme, else the page's. */
  private applyTheme(): void {
    const theme = this.theme === 'auto' ? surroundingTheme(this) : this.theme;
    if (this.dataset.theme !== theme) this.dataset.theme = theme;
  }

  private followTheme(): void {
    this.applyTheme();
    this.stopTheme ??= onThemeChange(() => this.applyTheme());
  }

  /** The page's language may be its own (our pages switch it; a parent's lang may follow it). */
  private followLanguage(): void {
    if (!this.widget || this.stopLang) return;
    this.stopLang = onLangChange(() => this.updateLanguage());
  }

  private async start(): Promise<void> {
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.append(this.notice, this.tools, this.container);
    // A click anywhere in it gives it the focus, and so the keys.
    if (!this.pageMode) this.container.tabIndex = -1;
    else this.releaseFrameKeys();
    this.container.lang = this.spoken;
    this.container.replaceChildren(h('p', { class: 'loading' }, this.t('core.loading')));
    let widget: Widget;
    try {
      const [module, core] = await Promise.all([this.def.load(), loadCore(this.def.id), loadLang(this.spoken)]);
      // The module's instantiation ends a task; the widget starts in a task of its own.
      await new Promise<void>((resolve) => nextTask(resolve));
      this.css = [...module.css, toolsCss];
      adoptShadow(shadow, ...this.css);
      this.container.replaceChildren();
      widget = module.mount(core, {
        root: this.container,
        keyTarget: this.pageMode ? document : this,
        changed: () => {
          if (!this.applying) this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true }));
        },
        href: widgetHref,
        t: this.t,
      });
    } catch (e) {
      adoptShadow(shadow);
      this.container.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, this.t('core.failed', { message: String(e) })));
      this.resolveReady();
      return;
    }
    this.widget = widget;
    this.renderTools();
    this.tools.hidden = false;
    translateTree(this.container, this.t);
    this.followLanguage();
    this.apply(this.pending ?? this.attributeState());
    this.pending = null;
    if (!this.pageMode) {
      // Its own data- attributes (data-theme) are not state.
      this.observer = new MutationObserver((records) => {
        if (records.some((r) => r.attributeName && !r.attributeName.startsWith('data-'))) this.apply(this.attributeState());
      });
      this.observer.observe(this, { attributes: true });
    }
    await widget.settled?.();
    this.resolveReady();
  }

  /** The state its attributes describe. */
  attributeState(): State {
    const state: State = new Map();
    for (const attr of this.attributes) {
      if (OWN_ATTRIBUTES.has(attr.name) || attr.name.startsWith('aria-') || attr.name.startsWith('data-')) continue;
      state.set(attr.name, attr.value);
    }
    return state;
  }

  /**
   * Shows this state: a fresh widget with each valid key applied. Returns
   * (and shows in a notice) what was ignored and why.
   */
  apply(input: State | Record<string, string>): Problem[] {
    const state: State = input instanceof Map ? new Map(input) : new Map(Object.entries(input));
    // Its language, for itself only. On our pages the page's language is the widget's: the page reads lang.
    const lang = state.get('lang');
    const langProblem = lang !== undefined && !this.pageMode && !isLang(lang);
    if (!this.pageMode) this.langChoice = lang !== undefined && isLang(lang) ? lang : null;
    if (!this.widget) {
      this.pending = state;
      if (this.started) this.spoken = this.resolveLanguage();
      return [];
    }
    this.updateLanguage();
    const problems: Problem[] = [];
    if (langProblem) problems.push(problem('lang', lang, (t) => t('state.one_of', { values: 'zh-CN, en' })));
    const theme = state.get('theme') ?? 'auto';
    if (isThemeChoice(theme)) this.theme = theme;
    else problems.push(problem('theme', theme, (t) => t('state.one_of', { values: 'light, dark, auto' })));
    this.applyTheme();
    // Presenter mode: large, high contrast, the drawing and the current term side by side.
    const present = state.get('present');
    if (present !== undefined && !isOn(present) && !isOff(present)) problems.push(problem('present', present, (t) => t('state.boolean')));
    this.toggleAttribute('data-present', isOn(present));
    const flags = readFlags(this.def, state);
    problems.push(...flags.problems);
    this.flags = flags.flags;
    this.applying = true;
    try {
      problems.push(...applyState(this.widget, state));
    } finally {
      this.applying = false;
    }
    applyFlags(this.container, this.flags);
    applyFlags(this.tools, this.flags);
    this.problems = problems;
    this.renderNotice();
    this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true }));
    return problems;
  }

  /** The widget's state (what differs from a fresh one) and its flags. */
  get state(): State {
    if (!this.widget) return new Map(this.pending ?? []);
    const host: State = new Map(this.theme === 'auto' ? [] : [['theme', this.theme]]);
    if (this.hasAttribute('data-present')) host.set('present', '1');
    if (this.langChoice) host.set('lang', this.langChoice);
    return new Map([...widgetState(this.widget), ...host, ...flagsState(this.flags)]);
  }

  /** What it shows now, for a tutorial's exercise: null before it has started, or where it has none. */
  exerciseSource(): ExerciseSource | null {
    return this.widget?.exercise?.() ?? null;
  }

  /** Why a part of its state could not be applied, in its language. */
  describe(p: Problem): string {
    try {
      return p.reason(this.t);
    } catch (e) {
      return isCoreError(e) ? errorMessage(e, undefined, this.t) : String(e);
    }
  }

  private renderNotice(): void {
    this.notice.hidden = this.problems.length === 0 || this.quiet;
    if (!this.problems.length || this.quiet) {
      this.notice.replaceChildren();
      return;
    }
    const dismiss = h('button', { type: 'button', class: 'small', onclick: () => {
      this.problems = [];
      this.renderNotice();
    } }, this.t('state.dismiss'));
    this.notice.replaceChildren(
      h('p', {}, this.t(this.pageMode ? 'state.ignored_address' : 'state.ignored_attributes')),
      h(
        'ul',
        {},
        ...this.problems.map((p) =>
          h('li', { 'data-key': p.key }, h('code', {}, p.value === '' ? p.key : `${p.key}=${shown(p.value)}`), ' — ', this.describe(p)),
        ),
      ),
      dismiss,
    );
  }
}


/** Defines <tag> for the widget (once). */
export function defineWidget(def: WidgetDef): typeof WidgetElement {
  const existing = customElements.get(def.tag);
  if (existing) return existing as typeof WidgetElement;
  const element = class extends WidgetElement {
    static def = def;
  };
  customElements.define(def.tag, element);
  return element;
}
