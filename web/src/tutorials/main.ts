// The tutorials page. With #embed=1 it is the embed view: the tutorial
// alone, no site chrome, its height told to the page around its iframe, and
// the reader's progress reported through the SPLICE protocol.
import siteCss from '../shared/site.css?inline';
import { changedHash, formatHash, readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t } from '../shared/i18n';
import { Presenter } from '../shared/present';
import { addressLanguage, addressTheme, isEmbed, reportHeight, siteHeader } from '../shared/site';
import { startSplice } from '../shared/splice';
import { adoptDocument } from '../shared/styles';
import type { State } from '../shared/widget';
import { TutorialsPage } from './page';
import tutorialsCss from './tutorials.css?inline';

adoptDocument(siteCss, tutorialsCss);
const initial = readHash();
const embed = isEmbed(initial);
const withLang = addressLanguage(initial);
addressTheme(initial);
document.body.classList.toggle('embed', embed);
/** The address the page writes: its state, its language once chosen, and embed=1 in the embed view. */
const address = (state: State): State => {
  const s = withLang(state);
  if (embed) s.set('embed', '1');
  return s;
};
const presenter = new Presenter((on) => {
  page.present(on);
  presenter.show(on);
  writeHash(address(page.state()));
});
if (embed) {
  const header = document.getElementById('site-header')!;
  header.className = 'embed-bar';
  header.replaceChildren();
} else {
  siteHeader('tutorials', [presenter.button]);
}
const setTitle = () => (document.title = `${t('nav.tutorials')} · ${t('site.title')}`);
setTitle();

const page = new TutorialsPage(
  (state) => writeHash(address(state)),
  (state) => `./tutorials.html${formatHash(address(state))}`,
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
  writeHash(address(page.state()));
});
if (embed) {
  const splice = startSplice(
    { state: () => page.spliceState(), score: () => page.spliceScore(), load: (given) => page.loadSpliceState(given) },
    { contentId: 'tutorials' },
  );
  page.onProgress = () => splice?.changed();
  reportHeight('tutorials', splice);
}
