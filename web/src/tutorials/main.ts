// The tutorials page.
import siteCss from '../shared/site.css?inline';
import { formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, lang, onLangChange, setLang, t } from '../shared/i18n';
import { siteHeader } from '../shared/site';
import { adoptDocument } from '../shared/styles';
import type { State } from '../shared/widget';
import { TutorialsPage } from './page';
import tutorialsCss from './tutorials.css?inline';

adoptDocument(siteCss, tutorialsCss);
const initial = readHash();
const hashLang = initial.get('lang');
if (hashLang && isLang(hashLang)) setLang(hashLang, false);
document.documentElement.lang = lang();
let langInAddress = Boolean(hashLang);
siteHeader('tutorials');
const setTitle = () => (document.title = `${t('nav.tutorials')} · ${t('site.title')}`);
setTitle();

const withLang = (state: State): State => {
  const s = new Map(state);
  if (langInAddress) s.set('lang', lang());
  return s;
};
const page = new TutorialsPage(
  (state) => writeHash(withLang(state)),
  (state) => `./tutorials.html${formatHash(withLang(state))}`,
);
document.getElementById('app')!.replaceChildren(page.element);
page.apply(initial);
window.addEventListener('hashchange', () => {
  const pairs = readHash();
  const l = pairs.get('lang');
  if (l && isLang(l)) setLang(l, false);
  page.apply(pairs);
});
onLangChange(() => {
  langInAddress = true;
  setTitle();
  writeHash(withLang(page.state()));
});
