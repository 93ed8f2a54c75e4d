// The message catalog: every user-visible string, in zh-CN and en.
//
// The page has a language (t, setLang, onLangChange); each widget has its
// own (its lang attribute, else the nearest ancestor's, else the page's), and
// speaks through the Translate its host gives it, so a widget in another
// language than the page changes nothing outside itself.
//
// A page loads the catalog of the language it starts in (the address's
// lang=, else the reader's choice, else the browser's) before anything
// renders; another language's catalog is loaded when something first speaks
// it (the switch, a widget's lang), and the switch happens once it is here.
// The catalog comes in two parts (vite.config.ts, catalogParts): the
// stepper's page (<html data-catalog="stepper">) loads only the keys it
// speaks, every other page the other widgets' keys too.
import type en from '../messages/en.json';

export type Lang = 'en' | 'zh-CN';
export const languages: Lang[] = ['zh-CN', 'en'];
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
/** A message in one language (a widget's, or the page's). */
export type Translate = (key: MessageKey | string, params?: Params) => string;

type Catalog = Record<string, string>;
type Part = { default: Catalog; elsewhere?: RegExp };
const loaders: Record<Lang, { stepper: () => Promise<Part>; others: () => Promise<Part> }> = {
  en: { stepper: () => import('virtual:catalog/en-stepper'), others: () => import('virtual:catalog/en-others') },
  'zh-CN': { stepper: () => import('virtual:catalog/zh-CN-stepper'), others: () => import('virtual:catalog/zh-CN-others') },
};
const stepperOnly = document.documentElement.dataset.catalog === 'stepper';
/** On the stepper's page, the keys its part leaves out. */
let elsewhere: RegExp | undefined;
const catalogs: Partial<Record<Lang, Catalog>> = {};
const loading = new Map<Lang, Promise<void>>();
const STORAGE_KEY = 'backprop.lang';

/** Loads a language's catalog (once); resolves when it is here. */
export function loadLang(language: Lang): Promise<void> {
  if (catalogs[language]) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    const parts = stepperOnly ? [loaders[language].stepper()] : [loaders[language].stepper(), loaders[language].others()];
    pending = Promise.all(parts).then((loaded) => {
      if (stepperOnly) elsewhere = loaded[0].elsewhere;
      catalogs[language] = Object.assign({}, ...loaded.map((part) => part.default)) as Catalog;
    });
    loading.set(language, pending);
  }
  return pending;
}

/** Whether a language's catalog is here. */
export function hasLang(language: Lang): boolean {
  return catalogs[language] !== undefined;
}

function initialLang(): Lang {
  const asked = /(?:^#|&)lang=([^&]*)/.exec(location.hash)?.[1];
  if (asked === 'en' || asked === 'zh-CN') return asked;
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
await loadLang(current);
let switches = 0;
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function isLang(value: string): value is Lang {
  return value === 'en' || value === 'zh-CN';
}

export function has(key: string): boolean {
  return key in catalogs[current]!;
}

/** The message for key in a language, with {placeholders} filled. */
export function translate(language: Lang, key: MessageKey | string, params: Params = {}): string {
  // A language whose catalog is still coming speaks the page's meanwhile.
  const text = catalogs[language]?.[key] ?? catalogs[current]?.[key] ?? catalogs.en?.[key] ?? key;
  if (text === key && elsewhere?.test(key)) console.error(`${key}: not in the stepper's part of the catalog`);
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
  if (!hasLang(next)) {
    // Switched once its catalog is here (unless another switch came first).
    const asked = ++switches;
    void loadLang(next).then(() => {
      if (asked === switches) setLang(next, remember);
    });
    return;
  }
  ++switches;
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
