// The tutorials page.
import siteCss from '../shared/site.css?inline';
import { formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t } from '../shared/i18n';
import { addressLanguage, addressTheme, siteHeader } from '../shared/site';
import { adoptDocument } from '../shared/styles';
import { TutorialsPage } from './page';
import tutorialsCss from './tutorials.css?inline';

adoptDocument(siteCss, tutorialsCss);
const initial = readHash();
const withLang = addressLanguage(initial);
addressTheme(initial);
siteHeader('tutorials');
const setTitle = () => (document.title = `${t('nav.tutorials')} · ${t('site.title')}`);
setTitle();

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
  setTitle();
  writeHash(withLang(page.state()));
});
