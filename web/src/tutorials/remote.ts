// A tutorial loaded from an address (tutorials.html#src=<url>): this site's
// own, or another host's that allows it (CORS, and this page's
// Content-Security-Policy's connect-src). Every refusal has its reason.
import type { Translate } from '../shared/i18n';
import { MAX_BYTES } from './markdown';

export type Fetched = { source: string; url: string } | { error: (t: Translate) => string };

/** The address resolved against the page's, if it is http(s). */
export function tutorialUrl(src: string): URL | null {
  try {
    const url = new URL(src, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Text that is not a tutorial: a web page, or binary. */
function notTutorial(text: string, type: string): boolean {
  if (/\bhtml\b/i.test(type) || /^\s*<(!doctype|html|head|body)\b/i.test(text)) return true;
  return text.includes('\u0000');
}

export async function fetchTutorial(src: string): Promise<Fetched> {
  const url = tutorialUrl(src);
  const shown = src.length > 80 ? `${src.slice(0, 80)}…` : src;
  if (!url) return { error: (t) => t('tutorials.url_invalid', { url: shown }) };
  // The browser tells the page when its Content-Security-Policy blocks a fetch.
  let blocked = false;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src' || e.violatedDirective.startsWith('connect-src') || e.violatedDirective.startsWith('default-src')) blocked = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    let response: Response;
    try {
      response = await fetch(url, { mode: url.origin === location.origin ? 'same-origin' : 'cors', credentials: 'omit', redirect: 'follow' });
    } catch {
      // The violation event may arrive just after the refusal.
      await new Promise((r) => setTimeout(r, 50));
      if (blocked) return { error: (t) => t('tutorials.url_csp', { origin: url.origin }) };
      if (url.origin === location.origin) return { error: (t) => t('tutorials.url_failed', { url: shown }) };
      // The browser does not say why another origin's fetch failed. A request
      // whose answer the page may not read (no-cors) tells whether the host answered:
      // then it is CORS that refuses, and the host must send the header.
      const answered = await fetch(url, { mode: 'no-cors', credentials: 'omit', redirect: 'follow' }).then(
        () => true,
        () => false,
      );
      return { error: (t) => t(answered ? 'tutorials.url_no_cors' : 'tutorials.url_cors', { url: shown, origin: url.origin, site: location.origin }) };
    }
    if (!response.ok) return { error: (t) => t('tutorials.url_status', { url: shown, status: response.status }) };
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAX_BYTES) return { error: (t) => t('tutorials.url_too_large', { kb: MAX_BYTES / 1024 }) };
    const text = await response.text();
    if (new Blob([text]).size > MAX_BYTES) return { error: (t) => t('tutorials.url_too_large', { kb: MAX_BYTES / 1024 }) };
    if (notTutorial(text, response.headers.get('content-type') ?? '')) return { error: (t) => t('tutorials.url_not_tutorial', { url: shown }) };
    return { source: text, url: url.href };
  } catch {
    return { error: (t) => t('tutorials.url_failed', { url: shown }) };
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}
