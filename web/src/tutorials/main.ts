// The tutorials page.
import siteCss from '../shared/site.css?inline';
import { changedHash, formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t } from '../shared/i18n';
import { Presenter } from '../shared/present';
import { addressLanguage, addressTheme, siteHeader } from '../shared/site';
import { adoptDocument } from '../shared/styles';
import { TutorialsPage } from './page';
import tutorialsCss from './tutorials.css?inline';

adoptDocument(siteCss, tutorialsCss);
const initial = readHash();
const withLang = addressLanguage(initial);
addressTheme(initial);
const presenter = new Presenter((on) => {
  page.present(on);
  presenter.show(on);
  writeHash(withLang(page.state()));
});
siteHeader('tutorials', [presenter.button]);
const setTitle = () => (document.title = `${t('nav.tutorials')} · ${t('site.title')}`);
setTitle();

const page = new TutorialsPage(
  (state) => writeHash(withLang(state)),
  (state) => `./tutorials.html${formatHash(withLang(state))}`,
);
document.getElementById('app')!.replaceChildren(page.element);
page.apply(initial);
presenter.show(page.isPresenting);
window.addEventListener('hashchange', (event) => {
  const pairs = readHash(changedHash(event));
  const l = pairs.get('lang');
  if (l && isLang(l)) setLang(l, false);
  page.apply(pairs);
  presenter.show(page.isPresenting);
});
onLangChange(() => {
  setTitle();
  writeHash(withLang(page.state()));
});
