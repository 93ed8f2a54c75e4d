// A widget as a custom element: <backprop-stepper term="dE_total/dw5">.
// Each instance lives in its own shadow root (its ids, styles and radio
// groups stay its own), is configured by attributes named like the
// address's keys, and reports what it could not apply in a notice.
import { loadCore } from './core';
import { isCoreError } from './core-types';
import { h } from './dom';
import { errorMessage } from './errors';
import { isLang, onLangChange, setLang, t, translateTree } from './i18n';
import { widgetHref } from './registry';
import { adoptShadow } from './styles';
import { isThemeChoice, onThemeChange, surroundingTheme, type ThemeChoice } from './theme';
import {
  isOff,
  isOn,
  applyFlags,
  applyState,
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
  /** Resolves when the widget has rendered its first state. */
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
  private stopLang: (() => void) | null = null;
  private observer: MutationObserver | null = null;
  /** light, dark, or auto: the page around it. */
  private theme: ThemeChoice = 'auto';
  private stopTheme: (() => void) | null = null;
  /** The widget's own style sheets, adopted again if a move through another document dropped them. */
  private css: string[] | null = null;

  constructor() {
    super();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
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
      return;
    }
    this.started = true;
    void this.start();
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

  private followLanguage(): void {
    const widget = this.widget;
    if (!widget || this.stopLang) return;
    this.stopLang = onLangChange(() => {
      translateTree(this.container);
      widget.retranslate();
      this.renderNotice();
    });
  }

  private async start(): Promise<void> {
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.append(this.notice, this.container);
    this.container.replaceChildren(h('p', { class: 'loading' }, t('core.loading')));
    let widget: Widget;
    try {
      const [module, core] = await Promise.all([this.def.load(), loadCore()]);
      this.css = module.css;
      adoptShadow(shadow, ...module.css);
      this.container.replaceChildren();
      widget = module.mount(core, {
        root: this.container,
        keyTarget: this.pageMode ? document : this,
        changed: () => {
          if (!this.applying) this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true }));
        },
        href: widgetHref,
      });
    } catch (e) {
      adoptShadow(shadow);
      this.container.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, t('core.failed', { message: String(e) })));
      this.resolveReady();
      return;
    }
    this.widget = widget;
    translateTree(this.container);
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
    if (!this.widget) {
      this.pending = state;
      return [];
    }
    const problems: Problem[] = [];
    const lang = state.get('lang');
    if (lang !== undefined) {
      if (isLang(lang)) setLang(lang, false);
      else problems.push(problem('lang', lang, () => t('state.one_of', { values: 'zh-CN, en' })));
    }
    const theme = state.get('theme') ?? 'auto';
    if (isThemeChoice(theme)) this.theme = theme;
    else problems.push(problem('theme', theme, () => t('state.one_of', { values: 'light, dark, auto' })));
    this.applyTheme();
    // Presenter mode: large, high contrast, the drawing and the current term side by side.
    const present = state.get('present');
    if (present !== undefined && !isOn(present) && !isOff(present)) problems.push(problem('present', present, () => t('state.boolean')));
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
    return new Map([...widgetState(this.widget), ...host, ...flagsState(this.flags)]);
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
    } }, t('state.dismiss'));
    this.notice.replaceChildren(
      h('p', {}, t(this.pageMode ? 'state.ignored_address' : 'state.ignored_attributes')),
      h(
        'ul',
        {},
        ...this.problems.map((p) =>
          h('li', { 'data-key': p.key }, h('code', {}, p.value === '' ? p.key : `${p.key}=${shown(p.value)}`), ' — ', describe(p)),
        ),
      ),
      dismiss,
    );
  }
}

function describe(p: Problem): string {
  try {
    return p.reason();
  } catch (e) {
    return isCoreError(e) ? errorMessage(e) : String(e);
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
