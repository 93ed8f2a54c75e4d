// The message catalog: every user-visible string, in zh-CN and en.
//
// The page has a language (t, setLang, onLangChange); each widget has its
// own (its lang attribute, else the nearest ancestor's, else the page's), and
// speaks through the Translate its host gives it, so a widget in another
// language than the page changes nothing outside itself.
import en from '../messages/en.json';
import zh from '../messages/zh-CN.json';

export type Lang = 'en' | 'zh-CN';
export const languages: Lang[] = ['zh-CN', 'en'];
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
/** A message in one language (a widget's, or the page's). */
export type Translate = (key: MessageKey | string, params?: Params) => string;

const catalogs: Record<Lang, Record<string, string>> = { en, 'zh-CN': zh };
const STORAGE_KEY = 'backprop.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage may be unavailable (file://, privacy settings)
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((l) => l?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function isLang(value: string): value is Lang {
  return value === 'en' || value === 'zh-CN';
}

export function has(key: string): boolean {
  return key in catalogs.en;
}

/** The message for key in a language, with {placeholders} filled. */
export function translate(language: Lang, key: MessageKey | string, params: Params = {}): string {
  const text = catalogs[language][key] ?? catalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message for key in the page's language. */
export function t(key: MessageKey | string, params: Params = {}): string {
  return translate(current, key, params);
}

/** The language a lang attribute names, if we speak it: zh, zh-CN, zh-Hans… are Chinese; en… English. */
export function langOf(value: string | null | undefined): Lang | null {
  const v = value?.trim().toLowerCase() ?? '';
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

export function setLang(next: Lang, remember = true): void {
  if (next === current) return;
  current = next;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/** Calls listener after each change of language; returns how to stop. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills elements marked data-i18n (text), data-i18n-aria-label and data-i18n-title. */
export function translateTree(root: ParentNode, tr: Translate = t): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = tr(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', tr(el.dataset.i18nAriaLabel!));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = tr(el.dataset.i18nTitle!);
}
