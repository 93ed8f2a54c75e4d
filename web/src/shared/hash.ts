// The address's hash as key=value pairs (#term=dE_total/dw5&lang=en).
// Values keep '/' and ',' readable; '+' and '&' are escaped, so ids like w5+ survive.

export function readHash(hash = location.hash): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      pairs.set(decodeURIComponent(key), decodeURIComponent(value));
    } catch {
      // a malformed escape: the pair is ignored
    }
  }
  return pairs;
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/').replace(/%2C/g, ',');
}

export function formatHash(pairs: Map<string, string>): string {
  const parts = [...pairs].map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** Replaces the hash without adding a history entry or scrolling. */
export function writeHash(pairs: Map<string, string>): void {
  const next = formatHash(pairs);
  if (next !== location.hash && !(next === '' && location.hash === '')) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
  }
}

/**
 * The hash a hashchange event moved to: the reader's edit, even when the
 * page has replaced the address since (an event made by a script may carry
 * no URL: then the address now).
 */
export function changedHash(event: HashChangeEvent): string {
  try {
    return event.newURL ? new URL(event.newURL).hash : location.hash;
  } catch {
    return location.hash;
  }
}
