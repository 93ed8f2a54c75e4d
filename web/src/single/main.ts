// The one-file offline copy: every widget in one page, one shown at a time.
// The address's hash names the widget (view=losses) and holds its state, as
// on the site; links between widgets stay inside the file.
import siteCss from '../shared/site.css?inline';
import { defineWidget, type WidgetElement } from '../shared/element';
import { changedHash, formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t } from '../shared/i18n';
import { setLinker, widgets } from '../shared/registry';
import { Presenter } from '../shared/present';
import { addressLanguage, addressTheme, siteHeader } from '../shared/site';
import { adoptDocument } from '../shared/styles';
import type { State, WidgetDef, WidgetId } from '../shared/widget';
import { TutorialsPage } from '../tutorials/page';
import tutorialsCss from '../tutorials/tutorials.css?inline';

const TUTORIALS = 'tutorials';
const link = (id: WidgetId | typeof TUTORIALS, state: State = new Map()) => formatHash(new Map([['view', id], ...state]));
setLinker(link);
adoptDocument(siteCss, tutorialsCss);

const initial = readHash();
const withLang = addressLanguage(initial);
addressTheme(initial);

for (const def of widgets) defineWidget(def);
// Presenter mode, as on the site: the address of the view shown, with present=1.
const presenter = new Presenter((on) => {
  const state = readHash();
  if (on) state.set('present', '1');
  else state.delete('present');
  writeHash(state);
  show(state);
});
const header = siteHeader('', [presenter.button], (def: WidgetDef) => link(def.id), link(TUTORIALS));
const main = document.getElementById('app')!;
const elements = new Map<WidgetId, WidgetElement>();
let shown: WidgetDef | null = widgets[0];

// The tutorials, inside the file too: the lesson and the teachers' tutorials built in.
const tutorials = new TutorialsPage(
  (state) => writeHash(withLang(new Map([['view', TUTORIALS], ...state]))),
  (state) => link(TUTORIALS, withLang(state)),
);
tutorials.element.hidden = true;
main.append(tutorials.element);

function markCurrent(id: string): void {
  for (const a of header.querySelectorAll<HTMLAnchorElement>('nav a[data-widget]')) {
    if (a.dataset.widget === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function show(pairs: State): void {
  const l = pairs.get('lang');
  if (l && isLang(l)) setLang(l, false);
  if (pairs.get('view') === TUTORIALS) {
    shown = null;
    for (const el of elements.values()) el.hidden = true;
    tutorials.element.hidden = false;
    markCurrent(TUTORIALS);
    const state = new Map(pairs);
    state.delete('view');
    tutorials.apply(state);
    presenter.show(tutorials.isPresenting);
    document.title = `${t('nav.tutorials')} · ${t('site.title')}`;
    return;
  }
  tutorials.element.hidden = true;
  shown = widgets.find((w) => w.id === pairs.get('view')) ?? widgets[0];
  let element = elements.get(shown.id);
  if (!element) {
    element = document.createElement(shown.tag) as WidgetElement;
    element.pageMode = true;
    const id = shown.id;
    element.addEventListener('statechange', () => {
      if (shown?.id !== id) return;
      presenter.show(element!.hasAttribute('data-present'));
      writeHash(withLang(new Map([['view', id], ...element!.state])));
    });
    elements.set(shown.id, element);
    main.append(element);
  }
  for (const [id, el] of elements) el.hidden = id !== shown!.id;
  markCurrent(shown.id);
  const state = new Map(pairs);
  state.delete('view');
  element.apply(state);
  presenter.show(element.hasAttribute('data-present'));
  document.title = `${t(shown.title)} · ${t('site.title')}`;
}

onLangChange(() => {
  if (!shown) {
    document.title = `${t('nav.tutorials')} · ${t('site.title')}`;
    writeHash(withLang(new Map([['view', TUTORIALS], ...tutorials.state()])));
    return;
  }
  document.title = `${t(shown.title)} · ${t('site.title')}`;
  elements.get(shown.id)?.dispatchEvent(new CustomEvent('statechange'));
});
window.addEventListener('hashchange', (event) => show(readHash(changedHash(event))));
show(initial);
