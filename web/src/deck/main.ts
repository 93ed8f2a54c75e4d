// An example reveal.js deck with a widget on a slide: as an element, and
// in an iframe. The deck has the keys until a widget is clicked; Esc in the
// widget gives them back (the element does it itself; the iframe's embed
// view asks with a message, and the deck takes the focus back).
import Reveal from 'reveal.js';
import 'reveal.js/reveal.css';
import './deck.css';
import { defineWidget } from '../shared/element';
import { lang, translateTree } from '../shared/i18n';
import { adoptDocument } from '../shared/styles';
import { widgets } from '../shared/registry';

adoptDocument();
document.documentElement.lang = lang();
translateTree(document.body);
for (const def of widgets) defineWidget(def);

// The embed view in the iframe speaks the deck's language.
const frame = document.getElementById('stepper-frame') as HTMLIFrameElement;
frame.src = `${frame.getAttribute('src')}&lang=${lang()}`;
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.data?.type !== 'backprop-keys') return;
  frame.blur();
  window.focus();
});

const deck = new Reveal({ hash: false, width: 1280, height: 720, margin: 0.04, transition: 'none', controlsTutorial: false });
void deck.initialize().then(() => document.body.setAttribute('data-deck-ready', ''));
// For the tests and a presenter's console.
(window as unknown as { deck: typeof deck }).deck = deck;
