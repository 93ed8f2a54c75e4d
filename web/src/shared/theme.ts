// Light and dark. Our own pages follow the reader's choice (the toggle,
// kept in this browser) or else the system's; a widget on another page
// follows that page: its theme attribute, else the page's background,
// else light (a page with no background of its own is white).
export type Theme = 'light' | 'dark';
export type ThemeChoice = Theme | 'auto';

const STORAGE_KEY = 'backprop.theme';
const listeners = new Set<() => void>();
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
media?.addEventListener('change', () => changed());

export function isThemeChoice(value: string): value is ThemeChoice {
  return value === 'light' || value === 'dark' || value === 'auto';
}

export function systemTheme(): Theme {
  return media?.matches ? 'dark' : 'light';
}

/** The reader's choice on our pages, or auto. */
export function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'light' || v === 'dark') return v;
  } catch {
    // storage may be unavailable
  }
  return 'auto';
}

let pageChoice: ThemeChoice | null = null;

/** Our own page's theme: what the address asked, else the reader's choice, else the system's. */
export function pageTheme(): Theme {
  const choice = pageChoice ?? storedChoice();
  return choice === 'auto' ? systemTheme() : choice;
}

/** Marks the document as one of our pages, with the theme the address asks for (or none). */
export function usePageTheme(asked: ThemeChoice | null): void {
  pageChoice = asked;
  document.documentElement.dataset.theme = pageTheme();
  onThemeChange(() => (document.documentElement.dataset.theme = pageTheme()));
}

/** The reader toggles the theme on our pages: kept in this browser. */
export function setPageTheme(theme: Theme): void {
  pageChoice = null;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // storage may be unavailable
  }
  changed();
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The relative luminance of a computed colour, or null when it is (nearly) transparent. */
function luminance(colour: string): number | null {
  const m = /rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?/.exec(colour);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  if (alpha < 0.5) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The theme of the page around an element: its first opaque background, or its colour scheme. */
export function surroundingTheme(el: Element): Theme {
  if (document.documentElement.dataset.theme === 'dark' || document.documentElement.dataset.theme === 'light') {
    return document.documentElement.dataset.theme;
  }
  for (let node: Element | null = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null; node; ) {
    const l = luminance(getComputedStyle(node).backgroundColor);
    if (l !== null) return l < 0.2 ? 'dark' : 'light';
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  return /\bdark\b/.test(scheme) && !/\blight\b/.test(scheme) ? 'dark' : 'light';
}
