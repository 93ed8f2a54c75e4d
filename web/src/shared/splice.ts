// The SPLICE iframe protocol (cssplice.org/slcp/iframe-protocol-specification.html),
// the child's side: what PreTeXt and Runestone pages expect of an embedded
// activity. In an iframe, the embed view
//   - asks its parent for a saved state once (SPLICE.getState) and loads the
//     state the answer carries (SPLICE.getState.response, same message_id);
//   - reports its score and state whenever they change (SPLICE.reportScoreAndState);
//   - answers SPLICE.flushState with a report now and SPLICE.flushState.response
//     (the parent asking for the state: Doenet's addition to the protocol);
//   - reports its height (lti.frameResize).
// It listens to its parent window only, to these subjects only, each shape-checked.
// Score and state go to the parent's origin only, once known; the height and
// the request for a saved state, which carry nothing of the reader's, go to '*'.

/** A state as the protocol carries it: a plain object (here, of strings). */
export type SpliceState = Record<string, unknown>;

export interface SpliceActivity {
  /** The activity's state now. */
  state(): SpliceState;
  /** A score in [0, 1], or undefined where there is nothing to grade. */
  score(): number | undefined;
  /** Loads a state the parent gave; it is untrusted and checked by the activity. */
  load(state: unknown): void;
}

export interface SpliceLink {
  /** Tells the parent the score or state changed. */
  changed(): void;
  /** Tells the parent the height changed. */
  height(px: number): void;
  /** The parent's origin, once known (for tests and hosts' debugging). */
  readonly parentOrigin: string | null;
}

const SUBJECTS = new Set(['SPLICE.getState.response', 'SPLICE.flushState']);
const MAX_ID = 200;

function messageId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}

/** The parent's origin as the browser states it (Chromium, Safari), else the referrer's. */
function knownOrigin(): string | null {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const first = ancestors && ancestors.length ? ancestors[0] : '';
  if (first && first !== 'null') return first;
  try {
    const origin = document.referrer ? new URL(document.referrer).origin : '';
    return origin && origin !== 'null' ? origin : null;
  } catch {
    return null;
  }
}

/** The plain object a message carries, or null. */
function record(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  return data as Record<string, unknown>;
}

/**
 * Starts the protocol in an iframe (returns null on a page of its own).
 * A wrong origin cannot receive state: postMessage delivers to the parent
 * only when the parent's origin is the one named.
 */
export function startSplice(activity: SpliceActivity, options: { contentId?: string; reportDelay?: number; answerWait?: number } = {}): SpliceLink | null {
  if (window.parent === window) return null;
  const parent = window.parent;
  let origin = knownOrigin();
  const asked = messageId();
  // Reports wait for the saved state (or for a parent that keeps none), so
  // a fresh view never overwrites what the parent kept.
  let answered = false;
  let gotAnswer = false;
  let pending = false;
  let timer = 0;
  const delay = options.reportDelay ?? 150;

  const report = () => {
    window.clearTimeout(timer);
    timer = 0;
    if (!answered || !origin) {
      pending = true;
      return;
    }
    pending = false;
    const message: Record<string, unknown> = { subject: 'SPLICE.reportScoreAndState', message_id: messageId(), state: activity.state() };
    const score = activity.score();
    // No exercise, no score: the field is left out rather than a 0 a gradebook would keep.
    if (score !== undefined && Number.isFinite(score)) message.score = Math.min(1, Math.max(0, score));
    send(message);
  };

  const send = (message: Record<string, unknown>) => {
    try {
      parent.postMessage(message, origin!);
    } catch {
      // A state that cannot be cloned, or a parent gone: nothing is sent.
    }
  };

  const learn = (from: string) => {
    if (!origin && from && from !== 'null') origin = from;
  };

  const answer = () => {
    if (answered) return;
    answered = true;
    if (pending) report();
  };
  window.setTimeout(answer, options.answerWait ?? 3000);

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parent) return;
    const data = record(event.data);
    if (!data || typeof data.subject !== 'string' || !SUBJECTS.has(data.subject)) return;
    // Once known, the parent's origin does not change under the activity.
    if (origin && event.origin !== origin) return;
    if (data.subject === 'SPLICE.getState.response') {
      if (data.message_id !== asked || gotAnswer) return;
      gotAnswer = true;
      learn(event.origin);
      if (data.error === undefined && data.state !== undefined && data.state !== null) activity.load(data.state);
      answer();
      return;
    }
    // SPLICE.flushState: the state now, then the acknowledgement.
    if (data.message_id !== undefined && !isId(data.message_id)) return;
    learn(event.origin);
    answered = true;
    report();
    send({ subject: 'SPLICE.flushState.response', message_id: data.message_id, success: true, hadState: true });
  });

  const request: Record<string, unknown> = { subject: 'SPLICE.getState', message_id: asked };
  if (options.contentId) request.content_id = options.contentId;
  // The request carries nothing of the reader's: it may go before the parent's origin is known.
  parent.postMessage(request, '*');

  return {
    changed() {
      window.clearTimeout(timer);
      timer = window.setTimeout(report, delay);
    },
    height(px: number) {
      parent.postMessage({ subject: 'lti.frameResize', message_id: messageId(), height: px }, '*');
    },
    get parentOrigin() {
      return origin;
    },
  };
}

/** A state given by a parent, as key=value pairs: strings only, a bounded number, each bounded. */
export function statePairs(state: unknown, maxKeys = 200, maxLength = 20_000): Map<string, string> | null {
  const obj = record(state);
  if (!obj) return null;
  const pairs = new Map<string, string>();
  for (const [key, value] of Object.entries(obj)) {
    if (pairs.size >= maxKeys) break;
    if (typeof value === 'string' && value.length <= maxLength && key.length <= 100) pairs.set(key, value);
  }
  return pairs;
}
