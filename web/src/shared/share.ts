// The Share panel: a link to this view, the code to embed it (an iframe, or
// the custom element), and the classroom flags that hide or lock its parts.
import { h } from './dom';
import { formatHash } from './hash';
import { has, hasLang, isLang, lang, languages, loadLang, t, translate, translateTree } from './i18n';
import { HOST_PARTS, type State, type WidgetDef } from './widget';

/** Escapes text for an HTML attribute value in double quotes. */
export function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The script a course page may add once to size its iframes to what they report (many LMS strip it: the iframe works without). */
export const HEIGHT_SCRIPT = `<script>
  addEventListener('message', (event) => {
    if (!event.data || event.data.type !== 'backprop-height') return;
    for (const frame of document.querySelectorAll('iframe'))
      if (frame.contentWindow === event.source) frame.height = event.data.height;
  });
</script>`;

/** The width the embed view is measured at: a narrow course column's. */
const MEASURE_WIDTH = 680;
/** How long the view's height must stay put to count as measured. */
const SETTLE_MS = 700;

/** An iframe that needs no script: its height is the view's own. */
export function iframeCode(src: string, title: string, height: number): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" frameborder="0" loading="lazy"></iframe>`;
}

/**
 * The element, with what a reader sees if its script cannot load (another
 * site that does not allow this page, a blocked network): a sentence and a
 * link to the same view. The widget hides it once it runs.
 */
export function elementCode(def: WidgetDef, scriptSrc: string, state: State, fallback: string, href: string): string {
  const attrs = [...state].map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  return `<script type="module" src="${attr(scriptSrc)}"></script>\n<${def.tag}${attrs}><p>${attr(fallback)} <a href="${attr(href)}">${attr(href)}</a></p></${def.tag}>`;
}

export class SharePanel {
  readonly element: HTMLElement;
  private hide = new Set<string>();
  private lock = new Set<string>();
  private language = '';
  private options = h('div', { class: 'share-options' });
  private link = h('input', { type: 'text', id: 'share-link', readonly: true, spellcheck: 'false' });
  private iframe = h('textarea', { id: 'share-iframe', rows: 3, readonly: true, spellcheck: 'false' });
  private script = h('textarea', { id: 'share-script', rows: 5, readonly: true, spellcheck: 'false' });
  private custom = h('textarea', { id: 'share-element', rows: 3, readonly: true, spellcheck: 'false' });
  private status = h('span', { class: 'hint', 'aria-live': 'polite' });
  /** The embed view of the shared state, laid out unseen in a course column's width, to measure its height. */
  private probe: HTMLIFrameElement | null = null;
  private probeSrc = '';
  private measured: number | null = null;

  constructor(
    private def: WidgetDef,
    private state: () => State,
  ) {
    const copy = (target: HTMLInputElement | HTMLTextAreaElement, id: string) =>
      h('button', { type: 'button', id, class: 'small', 'data-i18n': 'share.copy', onclick: () => void this.copy(target) });
    this.element = h(
      'section',
      { class: 'share-panel', id: 'share-panel', hidden: true, 'aria-labelledby': 'share-title' },
      h('h2', { id: 'share-title', 'data-i18n': 'share.title' }),
      h('p', { class: 'hint', 'data-i18n': 'share.hint' }),
      this.options,
      h('div', { class: 'share-row' }, h('label', { for: 'share-link', 'data-i18n': 'share.link' }), this.link, copy(this.link, 'copy-link')),
      h('div', { class: 'share-row' }, h('label', { for: 'share-iframe', 'data-i18n': 'share.iframe' }), this.iframe, copy(this.iframe, 'copy-iframe')),
      h('p', { class: 'hint', 'data-i18n': 'share.iframe_hint' }),
      h('div', { class: 'share-row' }, h('label', { for: 'share-script', 'data-i18n': 'share.script' }), this.script, copy(this.script, 'copy-script')),
      h('p', { class: 'hint', 'data-i18n': 'share.script_hint' }),
      h('div', { class: 'share-row' }, h('label', { for: 'share-element', 'data-i18n': 'share.element' }), this.custom, copy(this.custom, 'copy-element')),
      h('p', { class: 'hint', 'data-i18n': 'share.element_hint' }),
      this.status,
    );
  }

  toggle(): boolean {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) this.render();
    return !this.element.hidden;
  }

  refresh(): void {
    if (!this.element.hidden) this.render();
  }

  /** The state the shared link holds: the view, the flags chosen here, the language. */
  sharedState(): State {
    const state = this.state();
    state.delete('hide');
    state.delete('lock');
    state.delete('lang');
    if (this.hide.size) state.set('hide', [...this.hide].join(','));
    if (this.lock.size) state.set('lock', [...this.lock].join(','));
    if (this.language) state.set('lang', this.language);
    return state;
  }

  private render(): void {
    this.renderOptions();
    const state = this.sharedState();
    const site = new URL('./', location.href);
    const page = new URL(this.def.page, site);
    this.link.value = `${page.href}${formatHash(state)}`;
    const embedState = new Map([...state, ['embed', '1']]);
    const embedSrc = `${page.href}${formatHash(embedState)}`;
    this.measure(embedSrc);
    this.iframe.value = iframeCode(embedSrc, t(this.def.title), this.measured ?? this.def.embedHeight);
    this.script.value = HEIGHT_SCRIPT;
    const speaks = this.language && isLang(this.language) ? this.language : lang();
    // The element's fallback sentence in its own language, once that catalog is here.
    if (!hasLang(speaks)) void loadLang(speaks).then(() => this.refresh());
    const fallback = translate(speaks, 'share.element_fallback', { name: t(this.def.title), site: site.origin });
    this.custom.value = elementCode(this.def, new URL('widgets.js', site).href, state, fallback, this.link.value);
    translateTree(this.element);
  }

  /**
   * The iframe code's height is the embed view's own, measured in a hidden
   * frame as wide as a course column (the view reports its height, as it
   * does to any page around it), so a page that strips scripts shows it
   * whole; until then, the widget's usual height.
   */
  private measure(src: string): void {
    if (src === this.probeSrc) return;
    this.probeSrc = src;
    this.measured = null;
    this.iframe.removeAttribute('data-measured');
    if (!this.probe) {
      const probe = h('iframe', { title: '', 'aria-hidden': 'true', tabindex: -1 });
      Object.assign(probe.style, { position: 'absolute', left: '-10000px', top: '0', width: `${MEASURE_WIDTH}px`, height: '600px', visibility: 'hidden', border: '0' });
      // The view reports its height as it renders; the code takes the largest, once it has settled.
      let settle = 0;
      window.addEventListener('message', (event) => {
        if (event.source !== probe.contentWindow || event.data?.type !== 'backprop-height') return;
        const height = Math.ceil(Number(event.data.height)) + 8;
        if (!Number.isFinite(height) || height <= (this.measured ?? 0)) return;
        this.measured = height;
        this.iframe.value = iframeCode(this.probeSrc, t(this.def.title), height);
        window.clearTimeout(settle);
        settle = window.setTimeout(() => (this.iframe.dataset.measured = 'true'), SETTLE_MS);
      });
      document.body.append(probe);
      this.probe = probe;
    }
    this.probe.src = src;
  }

  private renderOptions(): void {
    const box = (kind: 'hide' | 'lock', name: string) => {
      const set = kind === 'hide' ? this.hide : this.lock;
      const input = h('input', { type: 'checkbox', id: `share-${kind}-${name}`, 'data-flag': `${kind}:${name}` });
      input.checked = set.has(name);
      input.addEventListener('change', () => {
        if (input.checked) set.add(name);
        else set.delete(name);
        this.render();
      });
      const specific = `${kind}.${this.def.id}.${name}`;
      return h('label', { class: 'check' }, input, t(has(specific) ? specific : `${kind}.${name}`));
    };
    const language = h('select', { id: 'share-lang' }, h('option', { value: '' }, t('share.lang_reader')), ...languages.map((l) => h('option', { value: l }, t(`lang.${l}`))));
    language.value = this.language;
    language.addEventListener('change', () => {
      this.language = language.value;
      this.render();
    });
    this.options.replaceChildren(
      h('fieldset', {}, h('legend', {}, t('share.hide')), ...[...this.def.parts, ...HOST_PARTS].map((p) => box('hide', p))),
      h('fieldset', {}, h('legend', {}, t('share.lock')), ...this.def.locks.map((p) => box('lock', p))),
      h('div', { class: 'field' }, h('label', { for: 'share-lang' }, t('share.language')), language),
    );
  }

  private async copy(target: HTMLInputElement | HTMLTextAreaElement): Promise<void> {
    target.select();
    try {
      await navigator.clipboard.writeText(target.value);
      this.status.textContent = t('share.copied');
    } catch {
      this.status.textContent = t('share.copy_by_hand');
    }
  }
}
