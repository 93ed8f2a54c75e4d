// The site's header: the title, the widgets, the language switch.
import { h } from './dom';
import { lang, languages, onLangChange, setLang, t, translateTree } from './i18n';

export interface Page {
  id: string;
  href: string;
  label: string; // a message key
}

export const pages: Page[] = [
  { id: 'stepper', href: './index.html', label: 'nav.stepper' },
  { id: 'losses', href: './losses.html', label: 'nav.losses' },
  { id: 'optimizers', href: './optimizers.html', label: 'nav.optimizers' },
  { id: 'training', href: './training.html', label: 'nav.training' },
];

export function mountLayout(active: string): void {
  document.documentElement.lang = lang();
  const header = document.getElementById('site-header')!;
  const switcher = h('div', { class: 'lang-switch', role: 'group', 'data-i18n-aria-label': 'lang.label' });
  const renderSwitch = () =>
    switcher.replaceChildren(
      ...languages.map((l) =>
        h(
          'button',
          {
            type: 'button',
            lang: l,
            'data-lang': l,
            'aria-pressed': String(l === lang()),
            onclick: () => setLang(l),
          },
          t(`lang.${l}`),
        ),
      ),
    );
  renderSwitch();
  onLangChange(renderSwitch);
  header.replaceChildren(
    h(
      'div',
      { class: 'brand' },
      h('a', { href: './index.html', class: 'title', 'data-i18n': 'site.title' }),
      h('p', { class: 'tagline', 'data-i18n': 'site.tagline' }),
    ),
    h(
      'nav',
      { 'data-i18n-aria-label': 'nav.label' },
      h(
        'ul',
        {},
        ...pages.map((p) =>
          h('li', {}, h('a', { href: p.href, 'aria-current': p.id === active ? 'page' : null, 'data-i18n': p.label })),
        ),
      ),
    ),
    switcher,
  );
  translateTree(document.body);
  onLangChange(() => {
    document.title = `${t(pages.find((p) => p.id === active)?.label ?? 'site.title')} · ${t('site.title')}`;
  });
  document.title = `${t(pages.find((p) => p.id === active)?.label ?? 'site.title')} · ${t('site.title')}`;
}
