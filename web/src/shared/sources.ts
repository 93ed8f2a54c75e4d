// The published sources the page cites, and a link to each.
import { h } from './dom';

/** Matt Mazur, "A Step by Step Backpropagation Example" (2015): the classic example's write-up. */
export const MAZUR_2015 = 'https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/';

/** A link to Mazur's write-up; its text is the message source.mazur. */
export function mazurLink(): HTMLAnchorElement {
  return h('a', { class: 'source', href: MAZUR_2015, rel: 'noopener', 'data-i18n': 'source.mazur' });
}
