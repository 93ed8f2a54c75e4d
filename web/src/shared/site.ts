// A widget's page: the site's header (title, the widgets, the language
// switch, Share), the widget, and its state kept in the address's hash. With
// #embed=1 the page is the embed view: no site chrome, it tells the page
// around its iframe how tall it is, and it speaks the SPLICE protocol (splice.ts).
import siteCss from './site.css?inline';
import { h } from './dom';
import { defineWidget, type WidgetElement } from './element';
import { changedHash, readHash, writeHash } from './hash';
import { isLang, lang, languages, onLangChange, setLang, t, translateTree } from './i18n';
import { widgets } from './registry';
import { Presenter } from './present';
import { SharePanel } from './share';
import { type SpliceLink, startSplice, statePairs } from './splice';
import { adoptDocument } from './styles';
import { isThemeChoice, onThemeChange, pageTheme, setPageTheme, usePageTheme } from './theme';
import { applyFlags, isOn, readFlags, type State, type WidgetDef } from './widget';

export function isEmbed(pairs: State): boolean {
  return isOn(pairs.get('embed'));
}

/** The language switch: one button per language. */
export function languageSwitch(): HTMLElement {
  const switcher = h('div', { class: 'lang-switch', role: 'group', 'data-part': 'lang', 'data-i18n-aria-label': 'lang.label' });
  const render = () =>
    switcher.replaceChildren(
      ...languages.map((l) =>
        h('button', { type: 'button', lang: l, 'data-lang': l, 'aria-pressed': String(l === lang()), onclick: () => setLang(l) }, t(`lang.${l}`)),
      ),
    );
  render();
  onLangChange(render);
  return switcher;
}

/** The theme toggle: dark on or off, kept in this browser. */
export function themeToggle(): HTMLElement {
  const button = h('button', { type: 'button', class: 'theme-toggle', id: 'theme-toggle', 'data-part': 'theme', onclick: () => setPageTheme(pageTheme() === 'dark' ? 'light' : 'dark') });
  const render = () => {
    button.textContent = t('theme.dark');
    button.setAttribute('aria-pressed', String(pageTheme() === 'dark'));
  };
  render();
  onThemeChange(render);
  onLangChange(render);
  return button;
}

/** The theme the address asks for (theme=dark), else the reader's or the system's. */
export function addressTheme(initial: State): void {
  const asked = initial.get('theme');
  usePageTheme(asked && isThemeChoice(asked) ? asked : null);
}

/** The site's title, the widgets' links, the language switch; extra goes before the switch. */
export function siteHeader(active: string, extra: HTMLElement[] = [], link = (def: WidgetDef) => `./${def.page}`, tutorials = './tutorials.html'): HTMLElement {
  const el = document.getElementById('site-header')!;
  el.classList.add('site-header');
  el.replaceChildren(
    h(
      'div',
      { class: 'brand' },
      h('a', { href: link(widgets[0]), class: 'title', 'data-i18n': 'site.title' }),
      h('p', { class: 'tagline', 'data-i18n': 'site.tagline' }),
    ),
    h(
      'nav',
      { 'data-part': 'nav', 'data-i18n-aria-label': 'nav.label' },
      h(
        'ul',
        {},
        ...widgets.map((w) => h('li', {}, h('a', { href: link(w), 'data-widget': w.id, 'aria-current': w.id === active ? 'page' : null, 'data-i18n': w.title }))),
        h('li', {}, h('a', { href: tutorials, 'data-widget': 'tutorials', 'aria-current': active === 'tutorials' ? 'page' : null, 'data-i18n': 'nav.tutorials' })),
      ),
    ),
    h('div', { class: 'header-tools' }, ...extra, themeToggle(), languageSwitch()),
  );
  translateTree(el);
  onLangChange(() => translateTree(el));
  return el;
}

function setTitle(key: string): void {
  const update = () => (document.title = `${t(key)} · ${t('site.title')}`);
  update();
  onLangChange(update);
}

/**
 * Sends the page's height to the page around its iframe, whenever it
 * changes: as {type: 'backprop-height'} (the Share panel's script) and, in
 * SPLICE, as lti.frameResize.
 */
export function reportHeight(widget: string, splice: SpliceLink | null = null): void {
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: 'backprop-height', widget, height }, '*');
    splice?.height(height);
  };
  new ResizeObserver(send).observe(document.body);
  send();
}

/**
 * The language the address asks for, applied now. Once the address has
 * named a language, or the reader has chosen one, withLang keeps it in the
 * address the page writes.
 */
export function addressLanguage(initial: State): (state: State) => State {
  const asked = initial.get('lang');
  if (asked && isLang(asked)) setLang(asked, false);
  document.documentElement.lang = lang();
  let kept = Boolean(asked);
  onLangChange(() => (kept = true));
  return (state) => {
    const s = new Map(state);
    if (kept) s.set('lang', lang());
    return s;
  };
}

/** Mounts the page of one widget. */
export function mountPage(def: WidgetDef): void {
  adoptDocument(siteCss);
  const initial = readHash();
  const embed = isEmbed(initial);
  const withLang = addressLanguage(initial);
  addressTheme(initial);
  document.body.classList.toggle('embed', embed);
  setTitle(def.title);

  defineWidget(def);
  const element = document.createElement(def.tag) as WidgetElement;
  element.pageMode = true;
  element.id = 'widget';
  const currentState = (): State => withLang(element.state);
  const share = new SharePanel(def, currentState);
  const shareButton = h('button', {
    type: 'button',
    class: 'share-button',
    id: 'share-button',
    'data-part': 'share',
    'aria-expanded': 'false',
    'aria-controls': share.element.id,
    'data-i18n': 'share.button',
    onclick: () => {
      const open = share.toggle();
      shareButton.setAttribute('aria-expanded', String(open));
    },
  });

  const presenter = new Presenter((on) => {
    const state = new Map(currentState());
    if (on) state.set('present', '1');
    else state.delete('present');
    apply(state);
  });

  let header: HTMLElement;
  if (embed) {
    // The widget alone: no site, no language switch (lang= sets the language), no introduction.
    header = document.getElementById('site-header')!;
    header.className = 'embed-bar';
    header.replaceChildren();
    element.toggleAttribute('data-embed', true);
  } else {
    header = siteHeader(def.id, [presenter.button, shareButton]);
  }
  const main = document.getElementById('app')!;
  main.replaceChildren(...(embed ? [] : [share.element]), element);

  const apply = (pairs: State) => {
    const state = new Map(pairs);
    state.delete('embed');
    // The page's language is its widget's.
    const asked = state.get('lang');
    if (asked && isLang(asked)) setLang(asked, false);
    element.apply(state);
    presenter.show(element.hasAttribute('data-present'));
    applyFlags(header, readFlags(def, state).flags);
  };
  apply(initial);

  // In a course page's iframe: the state is what Share puts in the link; a
  // state the parent gives is applied as an address is, the frame's own
  // hide= and lock= kept.
  const splice = embed
    ? startSplice(
        {
          state: () => ({ widget: def.id, state: Object.fromEntries(currentState()) }),
          score: () => undefined,
          load: (given) => {
            const obj = given && typeof given === 'object' ? (given as Record<string, unknown>) : null;
            const pairs = obj && obj.widget === def.id ? statePairs(obj.state) : null;
            if (!pairs) return;
            for (const key of ['embed', 'hide', 'lock']) pairs.delete(key);
            const framed = readHash();
            for (const key of ['hide', 'lock']) {
              const value = framed.get(key);
              if (value !== undefined) pairs.set(key, value);
            }
            apply(pairs);
          },
        },
        { contentId: def.id },
      )
    : null;

  element.addEventListener('statechange', () => {
    presenter.show(element.hasAttribute('data-present'));
    const state = currentState();
    if (embed) state.set('embed', '1');
    writeHash(state);
    share.refresh();
    splice?.changed();
  });
  onLangChange(() => element.dispatchEvent(new CustomEvent('statechange')));
  // The page's own writes replace the address without a hashchange: this is the reader editing it.
  window.addEventListener('hashchange', (event) => apply(readHash(changedHash(event))));
  if (embed) reportHeight(def.id, splice);
}
