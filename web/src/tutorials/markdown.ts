// A tutorial is untrusted Markdown. It is parsed by markdown-it with raw
// HTML off, its links limited to http(s) and relative addresses, rendered
// to HTML that DOMPurify sanitises into a fragment; formulas and widgets are
// only placeholders there, filled afterwards through the DOM (KaTeX's
// render, custom elements), so nothing from the file is ever evaluated.
import DOMPurify from 'dompurify';
import MarkdownIt, { type StateBlock, type StateInline, type Token } from 'markdown-it';
import { type Lang, langOf, t } from '../shared/i18n';
import { type TexProblem, typeset } from '../shared/math';
import { widgetDef } from '../shared/registry';
import { isOff, isOn, type State, type WidgetId } from '../shared/widget';
import { textId } from './progress';

/** Tutorials larger than this are refused: a tutorial is text, not data. */
export const MAX_BYTES = 512 * 1024;
/** A formula longer than this is shown as its source: a formula is a line or two, not a page. */
export const MAX_FORMULA_CHARS = 2000;
/**
 * Lists and quotes nested deeper than this many levels (a list in a list
 * is two) are shown as plain text from there on, with a problem: markdown-it
 * itself stops at 100 and drops the rest of the file.
 */
export const MAX_NESTING = 40;

/** A ```widget block: which widget, its state, and where each key was written. */
export interface WidgetBlock {
  widget: WidgetId | null;
  name: string;
  state: State;
  /** The line of each key, 1-based, for messages. */
  lines: Map<string, number>;
  line: number;
  errors: TutorialError[];
}

/** What an exercise asks for, as its answer line reads (the core computes it from the widget's state). */
export type Ask =
  | { kind: 'term'; term: string }
  | { kind: 'loss' }
  | { kind: 'position'; at: 'x' | 'y' | 'loss'; optimizer: string; steps: number }
  | { kind: 'first_below'; below: number; steps: number | null }
  | { kind: 'lowest'; steps: number | null };

/**
 * A ```exercise block: a widget block (its state is the widget's) with a
 * question, what to compute, hints and a tolerance. The question and the
 * hints are in the step's content, typeset; the viewer adds the answer's form.
 */
export interface ExerciseBlock extends WidgetBlock {
  /** A stable name for the reader's answer: the block's text. */
  id: string;
  ask: Ask | null;
  hints: number;
  /** Relative, replacing the digits rule; null: to the digits the student gives. */
  tolerance: number | null;
  /** The widget is shown (show_widget = no: only the question). */
  show: boolean;
}

export interface TutorialError {
  line: number;
  message: () => string;
}

export interface Step {
  title: string;
  line: number;
  /** The step's content, sanitised; widgets are empty div[data-widget-slot], exercises div[data-exercise-slot]. */
  content: DocumentFragment;
  widgets: WidgetBlock[];
  exercises: ExerciseBlock[];
}

export interface Tutorial {
  title: string;
  steps: Step[];
  errors: TutorialError[];
  /** The language its front matter declares (lang: zh-CN), or null: the reader's. */
  lang: Lang | null;
}

/**
 * A tutorial may begin with front matter between two lines of ---, one
 * "key: value" a line; lang (zh-CN or en) is the language it is written in.
 * The block is blanked out, so every later line keeps its number.
 */
export function frontMatter(source: string): { body: string; lang: Lang | null; errors: TutorialError[] } {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return { body: source, lang: null, errors: [] };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return { body: source, lang: null, errors: [{ line: 1, message: () => t('tutorial.front_matter_open') }] };
  let lang: Lang | null = null;
  const errors: TutorialError[] = [];
  for (let i = 1; i < end; i++) {
    const text = lines[i].trim();
    if (!text || text.startsWith('#')) continue;
    const colon = text.indexOf(':');
    const key = colon > 0 ? text.slice(0, colon).trim() : '';
    const value = colon > 0 ? text.slice(colon + 1).trim().replace(/^["']|["']$/g, '') : '';
    if (key === 'lang' && langOf(value)) lang = langOf(value);
    else if (key === 'lang') errors.push({ line: i + 1, message: () => t('state.one_of', { values: 'zh-CN, en' }) });
    else errors.push({ line: i + 1, message: () => t('tutorial.front_matter_key', { key: shownKey(key || text) }) });
  }
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  return { body, lang, errors };
}

function shownKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/** The names a widget block may use: the widget's id or its element's name (a Map: "constructor" is no name). */
const WIDGET_NAMES = new Map<string, WidgetId>([
  ['stepper', 'stepper'],
  ['backprop-stepper', 'stepper'],
  ['losses', 'losses'],
  ['loss-explorer', 'losses'],
  ['optimizers', 'optimizers'],
  ['optimizer-race', 'optimizers'],
  ['race', 'optimizers'],
  ['training', 'training'],
  ['training-loop', 'training'],
]);

/** http(s), or a relative address: never javascript:, data:, file: … */
export function safeUrl(url: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url);
  return !scheme || scheme[1].toLowerCase() === 'http' || scheme[1].toLowerCase() === 'https';
}

/** Relative addresses only (images: nothing is fetched from another site). */
function relativeUrl(url: string): boolean {
  return !/^\s*([a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
}

// DOMPurify's own check, stricter than its default: http(s) or relative.
const ALLOWED_URI = /^(?:https?:\/\/|#|\/(?!\/)|\.{1,2}\/|[^:/?#]*(?:[/?#]|$))/i;

interface Env {
  [key: string | symbol]: unknown;
  math: { tex: string; display: boolean; line: number }[];
  widgets: WidgetBlock[];
  exercises: ExerciseBlock[];
}

/** What parsing found: blocks nested too deep, by line. */
interface ParseEnv {
  [key: string | symbol]: unknown;
  tooDeep: number[];
  lastDeep?: number;
}

/**
 * Before every other block rule: past MAX_NESTING levels a line is a
 * paragraph of text, so nothing nests deeper, and the problem is noted.
 */
function nestingGuard(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.level < MAX_NESTING || silent) return false;
  // Noted once for each run of lines nested too deep, at its first line.
  const env = state.env as ParseEnv;
  if (env.tooDeep && env.lastDeep !== startLine) env.tooDeep.push(startLine + 1);
  if (env.tooDeep) env.lastDeep = startLine + 1;
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [startLine, startLine + 1];
  const inline = state.push('inline', '', 0);
  inline.content = state.getLines(startLine, startLine + 1, state.sCount[startLine], false).trim();
  inline.map = [startLine, startLine + 1];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
  state.line = startLine + 1;
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src[pos] !== '$' || src[pos + 1] === '$') return false;
  // $…$ opens before a non-space and closes after one, not before a digit ($5 and $6 stay text).
  if (pos + 1 >= posMax || /\s/.test(src[pos + 1])) return false;
  let end = pos + 1;
  while (end < posMax) {
    if (src[end] === '\\') end += 2;
    else if (src[end] === '$') break;
    else end += 1;
  }
  if (end >= posMax || /\s/.test(src[end - 1]) || /\d/.test(src[end + 1] ?? '')) return false;
  if (!silent) {
    const token = state.push('math_inline', 'span', 0);
    token.content = src.slice(pos + 1, end);
  }
  state.pos = end + 1;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const first = state.src.slice(start, state.eMarks[startLine]).trim();
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  let content = first.slice(2);
  let line = startLine;
  let closed = content.trimEnd().endsWith('$$') && content.trim().length >= 2;
  if (closed) content = content.trimEnd().slice(0, -2);
  while (!closed && ++line < endLine) {
    const text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
    if (text.trimEnd().endsWith('$$')) {
      content += `\n${text.trimEnd().slice(0, -2)}`;
      closed = true;
    } else {
      content += `\n${text}`;
    }
  }
  const token = state.push('math_block', 'div', 0);
  token.content = content;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

/** A block's lines: "key = value", blank lines and # comments; what is not a key = value line is an error. */
function keyLines(body: string, line: number, errors: TutorialError[]): { key: string; value: string; line: number }[] {
  const out: { key: string; value: string; line: number }[] = [];
  body.split('\n').forEach((text, i) => {
    const at = line + 1 + i;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      errors.push({ line: at, message: () => t('tutorial.not_key_value') });
      return;
    }
    out.push({ key: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim(), line: at });
  });
  return out;
}

function widgetBlock(info: string, line: number): WidgetBlock {
  const name = info.trim().split(/\s+/)[1] ?? '';
  const widget = WIDGET_NAMES.get(name.toLowerCase()) ?? null;
  const block: WidgetBlock = { widget, name, state: new Map(), lines: new Map(), line, errors: [] };
  if (!widget) {
    block.errors.push({ line, message: () => t('tutorial.unknown_widget', { name: name || '—', names: [...WIDGET_NAMES.keys()].join(', ') }) });
  }
  return block;
}

/** Reads a widget block's lines: "key = value", blank lines and # comments. */
export function parseWidgetBlock(info: string, body: string, line: number): WidgetBlock {
  const block = widgetBlock(info, line);
  for (const { key, value, line: at } of keyLines(body, line, block.errors)) {
    block.state.set(key, value);
    block.lines.set(key, at);
  }
  return block;
}

/** The keys an exercise block has besides its widget's state. */
const EXERCISE_KEYS = new Set(['question', 'answer', 'hint', 'tolerance', 'show_widget']);
/** What each widget's exercises can ask for, as the answer line writes it (for messages). */
const ANSWER_FORMS: Partial<Record<WidgetId, string[]>> = {
  stepper: ['term <id>'],
  losses: ['loss'],
  optimizers: ['x|y|loss of <optimizer> after <N>', 'first below <level> [within <N>]', 'lowest [after <N>]'],
};
const MAX_STEPS = 100000;

function steps(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= MAX_STEPS ? n : undefined;
}

/** Reads an answer line for a widget; null when it is none of the widget's forms. */
export function parseAsk(widget: WidgetId, text: string): Ask | null {
  const words = text.trim().split(/\s+/);
  const line = words.join(' ');
  if (widget === 'stepper') {
    return words.length === 2 && words[0] === 'term' ? { kind: 'term', term: words[1] } : null;
  }
  if (widget === 'losses') return line === 'loss' ? { kind: 'loss' } : null;
  if (widget !== 'optimizers') return null;
  let m = /^(x|y|loss) of ([a-z_]+) after (\d+)( steps?)?$/.exec(line);
  if (m) {
    const n = steps(m[3]);
    return n ? { kind: 'position', at: m[1] as 'x' | 'y' | 'loss', optimizer: m[2], steps: n } : null;
  }
  m = /^first below (\S+)(?: within (\d+)( steps?)?)?$/.exec(line);
  if (m) {
    const below = Number(m[1].replace('\u2212', '-'));
    const n = steps(m[2]);
    return Number.isFinite(below) && n !== undefined ? { kind: 'first_below', below, steps: n } : null;
  }
  m = /^lowest(?: after (\d+)( steps?)?)?$/.exec(line);
  if (m) {
    const n = steps(m[1]);
    return n !== undefined ? { kind: 'lowest', steps: n } : null;
  }
  return null;
}

/** Reads an exercise block: its widget's state, and the exercise's own keys (hint may repeat). */
export function parseExerciseBlock(info: string, body: string, line: number): { block: ExerciseBlock; question: string; hints: string[] } {
  const base = widgetBlock(info, line);
  const block: ExerciseBlock = { ...base, id: textId(`${info}\n${body}`), ask: null, hints: 0, tolerance: null, show: true };
  let question = '';
  const hints: string[] = [];
  let answerLine = line;
  let answered = false;
  for (const { key, value, line: at } of keyLines(body, line, block.errors)) {
    if (!EXERCISE_KEYS.has(key)) {
      block.state.set(key, value);
      block.lines.set(key, at);
    } else if (key === 'question') {
      question = value;
    } else if (key === 'hint') {
      hints.push(value);
    } else if (key === 'answer') {
      answerLine = at;
      answered = true;
      const widget = block.widget;
      block.ask = widget ? parseAsk(widget, value) : null;
      if (widget && !block.ask) {
        const forms = ANSWER_FORMS[widget];
        block.errors.push({
          line: at,
          message: () =>
            forms
              ? t('tutorial.exercise.answer_form', { value: shownKey(value), forms: forms.join('; ') })
              : t('tutorial.exercise.no_exercise', { name: block.name }),
        });
      }
    } else if (key === 'tolerance') {
      const v = Number(value);
      if (Number.isFinite(v) && v > 0 && v <= 0.5) block.tolerance = v;
      else block.errors.push({ line: at, message: () => t('tutorial.exercise.tolerance', { value: shownKey(value) }) });
    } else if (key === 'show_widget') {
      if (isOn(value)) block.show = true;
      else if (isOff(value)) block.show = false;
      else block.errors.push({ line: at, message: () => t('state.boolean') });
    }
  }
  if (!question) block.errors.push({ line, message: () => t('tutorial.exercise.no_question') });
  if (!answered) block.errors.push({ line, message: () => t('tutorial.exercise.no_answer_line') });
  block.lines.set('answer', answerLine);
  block.hints = hints.length;
  return { block, question, hints };
}

function markdown(): ReturnType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = safeUrl;
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('table', 'nesting_guard', nestingGuard);
  md.renderer.rules.math_inline = (tokens, i, _o, e) => {
    const env = e as unknown as Env;
    env.math.push({ tex: tokens[i].content, display: false, line: (tokens[i].meta as { line?: number } | null)?.line ?? 0 });
    return `<span class="math" data-math="${env.math.length - 1}"></span>`;
  };
  md.renderer.rules.math_block = (tokens, i, _o, e) => {
    const env = e as unknown as Env;
    env.math.push({ tex: tokens[i].content, display: true, line: (tokens[i].map?.[0] ?? 0) + 1 });
    return `<div class="math display" data-math="${env.math.length - 1}"></div>\n`;
  };
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, i, options, e, self) => {
    const env = e as unknown as Env;
    const token = tokens[i];
    const line = (token.map?.[0] ?? 0) + 1;
    if (/^exercise(\s|$)/.test(token.info.trim())) {
      const { block, question, hints } = parseExerciseBlock(token.info, token.content, line);
      env.exercises.push(block);
      // The question and the hints are Markdown of a line each, with formulas.
      const inline = (text: string) => {
        const parsed = md.parseInline(text, env);
        for (const child of parsed[0]?.children ?? []) if (child.type === 'math_inline') child.meta = { line };
        return md.renderer.render(parsed, options, env);
      };
      return (
        `<div data-exercise-slot="${env.exercises.length - 1}"><p data-exercise-part="question">${inline(question)}</p>` +
        `<ol data-exercise-part="hints">${hints.map((hint) => `<li>${inline(hint)}</li>`).join('')}</ol></div>\n`
      );
    }
    if (!/^widget(\s|$)/.test(token.info.trim())) return fence(tokens, i, options, env, self);
    env.widgets.push(parseWidgetBlock(token.info, token.content, line));
    return `<div class="widget-slot" data-widget-slot="${env.widgets.length - 1}"></div>\n`;
  };
  md.renderer.rules.image = (tokens, i, _o, env, self) => {
    const token = tokens[i];
    const alt = self.renderInlineAsText(token.children ?? [], _o, env);
    const src = String(token.attrGet('src') ?? '');
    if (!relativeUrl(src)) return md.utils.escapeHtml(alt);
    return `<img src="${md.utils.escapeHtml(src)}" alt="${md.utils.escapeHtml(alt)}">`;
  };
  const link = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    tokens[i].attrSet('rel', 'noopener noreferrer');
    return link(tokens, i, options, env, self);
  };
  return md;
}

function sanitize(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'id', 'name', 'class'],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-math', 'data-widget-slot', 'data-exercise-slot', 'data-exercise-part'],
  }) as DocumentFragment;
}

/** Turns placeholders into typeset formulas; the widgets stay slots for the viewer. */
const PUNCTUATION = /^[,.;:!?)\]，。；：！？、）]/;

/** Why a formula was not typeset, in the page's words (KaTeX's own message is English). */
function texReason(problem: TexProblem | 'long'): string {
  if (problem === 'long') return t('tutorial.formula_too_long', { max: MAX_FORMULA_CHARS });
  if (problem.kind === 'depth') return t('tutorial.formula_too_deep', { max: problem.max });
  if (problem.kind === 'definition') return t('tutorial.formula_definition');
  return problem.message;
}

function fillMath(fragment: DocumentFragment, env: Env): TutorialError[] {
  const errors: TutorialError[] = [];
  for (const el of fragment.querySelectorAll<HTMLElement>('[data-math]')) {
    const math = env.math[Number(el.dataset.math)];
    if (!math) {
      el.remove();
      continue;
    }
    el.className = math.display ? 'math display' : 'math';
    // A formula that fails is its source, as text, with the reason beside it and in the list of problems.
    let problem: TexProblem | 'long' | null = 'long';
    if (math.tex.length > MAX_FORMULA_CHARS) {
      const source = el.ownerDocument.createElement('code');
      source.className = 'tex-source';
      source.textContent = `${math.tex.slice(0, 200)}…`;
      el.replaceChildren(source);
      el.classList.add('tex-failed');
    } else {
      problem = typeset(el, math.tex, math.display);
    }
    if (problem) {
      const reason = texReason(problem);
      const note = el.ownerDocument.createElement('span');
      note.className = 'tex-error';
      note.textContent = ` (${t('tutorial.formula_failed', { reason })})`;
      el.append(note);
      errors.push({ line: math.line, message: () => t('tutorial.formula_failed', { reason: texReason(problem) }) });
      continue;
    }
    // Punctuation right after an inline formula stays on its line: never ", whose…" at the start of the next.
    const next = el.nextSibling;
    if (!math.display && next?.nodeType === Node.TEXT_NODE && PUNCTUATION.test(next.textContent ?? '')) {
      const group = el.ownerDocument.createElement('span');
      group.className = 'math-group';
      el.replaceWith(group);
      group.append(el, next.textContent![0]);
      next.textContent = next.textContent!.slice(1);
    }
  }
  for (const el of fragment.querySelectorAll<HTMLElement>('[data-widget-slot]')) el.className = 'widget-slot';
  return errors;
}

/** Each inline formula's line: its block's first line, plus the line breaks before it. */
function markMathLines(tokens: Token[]): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    let line = (token.map?.[0] ?? 0) + 1;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'math_inline') child.meta = { line };
    }
  }
}

/**
 * Parses a tutorial: the first level-1 heading is its title, each level-2
 * heading starts a step (text before the first one is a step of its own).
 */
export function parseTutorial(source: string): Tutorial {
  if (new TextEncoder().encode(source).length > MAX_BYTES) {
    return { title: '', steps: [], errors: [{ line: 1, message: () => t('tutorial.too_large', { kb: MAX_BYTES / 1024 }) }], lang: null };
  }
  const front = frontMatter(source);
  const errors: TutorialError[] = [...front.errors];
  const md = markdown();
  const parseEnv: ParseEnv = { tooDeep: [] };
  let tokens: Token[];
  try {
    tokens = md.parse(front.body, parseEnv);
  } catch (e) {
    // Nothing the file holds should get here; if it does, it says so rather than showing nothing.
    const message = e instanceof Error ? e.message : String(e);
    return { title: '', steps: [], errors: [...errors, { line: 1, message: () => t('tutorial.unreadable_part', { message }) }], lang: front.lang };
  }
  markMathLines(tokens);
  for (const line of parseEnv.tooDeep.slice(0, 20)) errors.push({ line, message: () => t('tutorial.too_deep', { max: MAX_NESTING }) });
  let title = '';
  const groups: { title: string; line: number; tokens: typeof tokens }[] = [];
  let current: (typeof groups)[number] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open' && (token.tag === 'h1' || token.tag === 'h2')) {
      const text = tokens[i + 1]?.content ?? '';
      if (token.tag === 'h1' && !title && !groups.length && !current) {
        title = text;
        i += 2;
        continue;
      }
      if (token.tag === 'h2' || token.tag === 'h1') {
        current = { title: text, line: (token.map?.[0] ?? 0) + 1, tokens: [] };
        groups.push(current);
        i += 2; // the heading is the step's title, shown apart
        continue;
      }
    }
    if (!current) {
      current = { title: '', line: (token.map?.[0] ?? 0) + 1, tokens: [] };
      groups.push(current);
    }
    current.tokens.push(token);
  }
  const steps: Step[] = [];
  for (const group of groups) {
    if (!group.title && !group.tokens.length) continue;
    const env: Env = { math: [], widgets: [], exercises: [] };
    let content: DocumentFragment;
    try {
      content = sanitize(md.renderer.render(group.tokens, md.options, env));
      errors.push(...fillMath(content, env));
    } catch (e) {
      // One step that cannot be shown says why; the others are shown.
      const message = e instanceof Error ? e.message : String(e);
      content = document.createDocumentFragment();
      const p = document.createElement('p');
      p.className = 'field-error';
      p.textContent = t('tutorial.unreadable_part', { message });
      content.append(p);
      env.widgets = [];
      env.exercises = [];
      errors.push({ line: group.line, message: () => t('tutorial.unreadable_part', { message }) });
    }
    steps.push({ title: group.title, line: group.line, content, widgets: env.widgets, exercises: env.exercises });
    for (const w of [...env.widgets, ...env.exercises]) errors.push(...w.errors);
  }
  if (!steps.length) errors.push({ line: 1, message: () => t('tutorial.empty') });
  return { title, steps, errors, lang: front.lang };
}

export function widgetTag(block: WidgetBlock): string | null {
  return block.widget ? widgetDef(block.widget).tag : null;
}
