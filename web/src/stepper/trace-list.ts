// Every term of the iteration, grouped by phase: a reference beside the
// stepper, and the handout when printed. Each row carries data-term and
// data-value (17 significant digits).
import { h } from '../shared/dom';
import { digits17, exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { fitTex } from '../shared/math';
import type { StepperModel } from './model';
import { termTex } from './term-view';

export class TraceList {
  readonly element: HTMLDetailsElement;
  private body = h('div', { class: 'trace-list' });
  private summary = h('summary', {});
  private stale = true;

  constructor(private readonly t: Translate, private model: StepperModel) {
    this.element = h('details', { class: 'all-terms', id: 'all-terms' }, this.summary, this.body);
    // Typesetting every term takes a moment: do it when the list is seen.
    this.element.addEventListener('toggle', () => this.element.open && this.render());
    // The printed handout holds every term, typeset.
    let wasOpen = false;
    window.addEventListener('beforeprint', () => {
      wasOpen = this.element.open;
      this.element.open = true;
      this.renderAll();
    });
    window.addEventListener('afterprint', () => {
      this.element.open = wasOpen;
    });
  }

  invalidate(): void {
    this.stale = true;
    this.summary.textContent = this.t('stepper.all_terms');
    if (this.element.open) this.render();
    else this.renderRows(false);
  }

  highlight(): void {
    for (const row of this.body.querySelectorAll<HTMLElement>('[data-term]')) {
      const current = row.dataset.term === this.model.term.id;
      row.classList.toggle('current', current);
      if (current) row.setAttribute('aria-current', 'step');
      else row.removeAttribute('aria-current');
    }
  }

  private renderAll(): void {
    if (this.stale) this.renderRows(true);
  }

  private render(): void {
    if (this.stale) this.renderRows(true);
    this.highlight();
  }

  /** Rows always carry their id and value; formulas are typeset when shown. */
  private renderRows(typeset: boolean): void {
    const { trace } = this.model;
    const sections = trace.phases.map((phase) => {
      const terms = trace.terms.filter((term) => term.phase === phase);
      return h(
        'section',
        { class: 'phase-group', 'data-phase': phase },
        h('h3', {}, this.t(`phase.${phase}`)),
        h(
          'ol',
          {},
          ...terms.map((term) => {
            const index = trace.terms.indexOf(term);
            const formula = h('div', { class: 'row-tex' });
            if (typeset) fitTex(formula, termTex(term));
            return h(
              'li',
              { 'data-term': term.id, 'data-value': digits17(term.value), value: index + 1 },
              h(
                'button',
                { type: 'button', class: 'row-go', onclick: () => this.model.goto(index) },
                h('code', {}, term.id),
                h('span', { class: 'row-value' }, exact(term.value)),
              ),
              formula,
            );
          }),
        ),
      );
    });
    this.body.replaceChildren(...sections);
    this.stale = !typeset;
    this.highlight();
  }
}
