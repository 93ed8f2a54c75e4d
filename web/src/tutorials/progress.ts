// A reader's progress through a tutorial, kept in this browser only
// (localStorage, one entry a tutorial): the step reached, the steps seen, and
// the exercises' answers. Nothing is sent anywhere. Where
// the browser refuses storage (private mode, a full quota) the page works on
// without it.

export interface Answer {
  /** What the reader answered, as text. */
  value: string;
  right: boolean;
}

export interface Progress {
  /** The step the reader was at, counted from 0. */
  step: number;
  /** The steps seen, counted from 0, in order. */
  seen: number[];
  /** The last answer checked, by exercise id (the block's text: an edited exercise starts afresh). */
  answers: Record<string, Answer>;
}

export interface Score {
  steps: number;
  seen: number;
  exercises: number;
  right: number;
  /** (steps seen + answers right) / (steps + exercises), in [0, 1]. */
  value: number;
}

const PREFIX = 'backprop.progress.';
const OPENED = 'backprop.opened-tutorial';
/** At most this many exercises' answers are kept. */
const MAX_ANSWERS = 500;

export function emptyProgress(): Progress {
  return { step: 0, seen: [], answers: {} };
}

/** A short, stable name for a text (FNV-1a, 64 bits as two 32-bit halves). */
export function textId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function isIndex(v: unknown, steps: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < steps;
}

/**
 * Progress read from storage or given by a course page: untrusted, so each
 * part is checked and what does not fit this tutorial (steps) is dropped.
 */
export function checkProgress(data: unknown, steps: number): Progress | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  const progress = emptyProgress();
  if (isIndex(d.step, steps)) progress.step = d.step;
  if (Array.isArray(d.seen)) progress.seen = [...new Set(d.seen.filter((i): i is number => isIndex(i, steps)))].sort((x, y) => x - y);
  if (typeof d.answers === 'object' && d.answers !== null && !Array.isArray(d.answers)) {
    for (const [id, a] of Object.entries(d.answers as Record<string, unknown>).slice(0, MAX_ANSWERS)) {
      const answer = a as Record<string, unknown> | null;
      if (answer && typeof answer === 'object' && typeof answer.value === 'string' && typeof answer.right === 'boolean' && id.length <= 100) {
        progress.answers[id] = { value: answer.value.slice(0, 2000), right: answer.right };
      }
    }
  }
  return progress;
}

export function readProgress(id: string, steps: number): Progress | null {
  try {
    const text = localStorage.getItem(PREFIX + id);
    return text ? checkProgress(JSON.parse(text), steps) : null;
  } catch {
    return null;
  }
}

export function saveProgress(id: string, progress: Progress): void {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: progress is not kept, the page works on.
  }
}

export function clearProgress(id: string): void {
  try {
    localStorage.removeItem(PREFIX + id);
  } catch {
    // As above.
  }
}

/** The score: steps seen, and the tutorial's exercises answered right (answers kept for others do not count). */
export function score(progress: Progress, steps: number, exercises: readonly string[] = []): Score {
  const right = exercises.filter((id) => progress.answers[id]?.right).length;
  const seen = progress.seen.length;
  const total = steps + exercises.length;
  return { steps, seen, exercises: exercises.length, right, value: total ? Math.min(1, (seen + right) / total) : 0 };
}

/** A tutorial opened from a file, kept for this tab so a reload keeps it. */
export interface Opened {
  name: string;
  source: string;
}

export function keepOpened(opened: Opened): void {
  try {
    sessionStorage.setItem(OPENED, JSON.stringify(opened));
  } catch {
    // Not kept: a reload then asks for the file again.
  }
}

export function readOpened(): Opened | null {
  try {
    const text = sessionStorage.getItem(OPENED);
    const d = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    return d && typeof d.name === 'string' && typeof d.source === 'string' ? { name: d.name, source: d.source } : null;
  } catch {
    return null;
  }
}
