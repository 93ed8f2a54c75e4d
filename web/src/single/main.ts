// The one-file offline copy: every widget in one page, one shown at a time.
// The address's hash names the widget (view=losses) and holds its state, as
// on the site; links between widgets stay inside the file.
import siteCss from '../shared/site.css?inline';
import { defineWidget, type WidgetElement } from '../shared/element';
import { formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, lang, onLangChange, setLang, t } from '../shared/i18n';
import { setLinker, widgets } from '../shared/registry';
import { siteHeader } from '../shared/site';
import { adoptDocument } from '../shared/styles';
import type { State, WidgetDef, WidgetId } from '../shared/widget';

const link = (id: WidgetId, state: State = new Map()) => formatHash(new Map([['view', id], ...state]));
setLinker(link);
adoptDocument(siteCss);

const initial = readHash();
const hashLang = initial.get('lang');
if (hashLang && isLang(hashLang)) setLang(hashLang, false);
document.documentElement.lang = lang();
let langInAddress = Boolean(hashLang);

for (const def of widgets) defineWidget(def);
const header = siteHeader('', [], (def: WidgetDef) => link(def.id), false);
const main = document.getElementById('app')!;
const elements = new Map<WidgetId, WidgetElement>();
let shown: WidgetDef = widgets[0];

function viewOf(pairs: State): WidgetDef {
  return widgets.find((w) => w.id === pairs.get('view')) ?? widgets[0];
}

function show(pairs: State): void {
  shown = viewOf(pairs);
  let element = elements.get(shown.id);
  if (!element) {
    element = document.createElement(shown.tag) as WidgetElement;
    element.pageMode = true;
    const id = shown.id;
    element.addEventListener('statechange', () => {
      if (shown.id !== id) return;
      const state = new Map([['view', id], ...element!.state]);
      if (langInAddress) state.set('lang', lang());
      writeHash(state);
    });
    elements.set(shown.id, element);
    main.append(element);
  }
  for (const [id, el] of elements) el.hidden = id !== shown.id;
  for (const a of header.querySelectorAll<HTMLAnchorElement>('nav a[data-widget]')) {
    if (a.dataset.widget === shown.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const state = new Map(pairs);
  state.delete('view');
  element.apply(state);
  document.title = `${t(shown.title)} · ${t('site.title')}`;
}

onLangChange(() => {
  langInAddress = true;
  document.title = `${t(shown.title)} · ${t('site.title')}`;
  elements.get(shown.id)?.dispatchEvent(new CustomEvent('statechange'));
});
window.addEventListener('hashchange', () => show(readHash()));
show(initial);
