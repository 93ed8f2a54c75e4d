// The playground's export: the weights as a file (and that file opened
// again), the PyTorch script of the training, and the drawing — the network
// with every neuron's thumbnail, and the plane with its heat map and points —
// as SVG and PNG. The core writes the file and the script and checks a file
// opened; this module only gathers what is on screen and hands it out.
import type { BackpropCore, Config, Dataset, OpenedWeights, OptimizerSpec } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { canvasPng, download, escapeXml } from '../shared/export';
import type { Translate } from '../shared/i18n';
import { makeNetwork, type Setup, type Task } from './model';

/** What the playground shows now. */
export interface Snapshot {
  setup: Setup;
  task: Task;
  data: Dataset;
  network: Config;
  /** Epochs trained, and mini-batches of the next one (One batch, or a stop within it). */
  epoch: number;
  batch: number;
  /** The epochs so far ran with today's settings from the fresh network. */
  replayable: boolean;
  optimizer: OptimizerSpec;
}

export interface ExportHost {
  snapshot(): Snapshot | null;
  /** Applies a file the core read and accepted. */
  open(weights: OpenedWeights): void;
  /** The drawings: the network (its stage of edges and nodes) and the plane. */
  network: HTMLElement;
  plane: HTMLElement;
}

/** A file name's middle: the data set and the epoch (playground-circle-epoch-120). */
function baseName(s: Snapshot): string {
  return `playground-${s.setup.kind}-epoch-${s.epoch}`;
}

export class ExportPanel {
  readonly element: HTMLElement;
  private epochsField = h('input', { type: 'text', id: 'pg-export-epochs', autocomplete: 'off', spellcheck: 'false', inputmode: 'numeric', 'aria-describedby': 'error-pg-export-epochs pg-export-script-hint' });
  private scriptHint = h('p', { class: 'hint', id: 'pg-export-script-hint' });
  private fileInput = h('input', { type: 'file', id: 'pg-open-file', accept: '.json,application/json', hidden: true, tabindex: -1 });
  private openStatus = h('span', { class: 'hint', id: 'pg-open-status', role: 'status' });
  /** Said while the files' module downloads on first use (after a moment, so a quick load shows nothing). */
  private filesStatus = h('p', { class: 'hint', id: 'pg-files-status', role: 'status' });
  /** The last error of each control, re-rendered in the other language. */
  private errors: Record<string, (() => string) | null> = {};
  /** Epochs typed by the reader; '' follows the playground. */
  private typedEpochs = '';
  /** What the hint says now (whether the epochs replay, the epoch, whether the field follows). */
  private shown = '';

  constructor(
    private core: BackpropCore,
    /** The playground's files (the weights file, the script): a module loaded when first used. */
    private files: () => Promise<BackpropCore>,
    private t: Translate,
    private host: ExportHost,
  ) {
    const button = (id: string, key: string, onclick: () => void) => h('button', { type: 'button', id, 'data-i18n': key, onclick });
    this.epochsField.addEventListener('input', () => {
      this.typedEpochs = this.epochsField.value;
      this.setError('pg-export-epochs', null);
    });
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) void this.openFile(file);
    });
    this.element = h(
      'section',
      { class: 'pg-export', 'aria-labelledby': 'pg-export-title', 'data-part': 'export' },
      h('h2', { id: 'pg-export-title', 'data-i18n': 'playground.export' }),
      this.filesStatus,
      h(
        'div',
        { class: 'pg-export-groups' },
        h(
          'div',
          { class: 'pg-export-group', role: 'group', 'aria-labelledby': 'pg-export-weights-title' },
          h('h3', { id: 'pg-export-weights-title', 'data-i18n': 'playground.export_weights_title' }),
          h(
            'div',
            { class: 'buttons' },
            button('pg-save-weights', 'playground.save_weights', () => void this.saveWeights()),
            button('pg-open-weights', 'playground.open_weights', () => this.fileInput.click()),
            this.fileInput,
          ),
          errorSlot('pg-open-weights'),
          this.openStatus,
        ),
        h(
          'div',
          { class: 'pg-export-group', role: 'group', 'aria-labelledby': 'pg-export-script-title' },
          h('h3', { id: 'pg-export-script-title', 'data-i18n': 'playground.export_script_title' }),
          h(
            'div',
            { class: 'buttons' },
            h('label', { for: 'pg-export-epochs', 'data-i18n': 'playground.export_epochs' }),
            this.epochsField,
            button('pg-export-script', 'playground.export_script', () => void this.saveScript()),
          ),
          errorSlot('pg-export-epochs'),
          this.scriptHint,
        ),
        h(
          'div',
          { class: 'pg-export-group', role: 'group', 'aria-labelledby': 'pg-export-drawing-title' },
          h('h3', { id: 'pg-export-drawing-title', 'data-i18n': 'playground.export_drawing_title' }),
          h(
            'div',
            { class: 'buttons' },
            button('pg-export-svg', 'playground.export_svg', () => this.saveDrawing('svg')),
            button('pg-export-png', 'playground.export_png', () => this.saveDrawing('png')),
          ),
        ),
      ),
    );
    // A setting changed since the last epoch may have made the epochs on screen no longer replay.
    this.element.addEventListener('focusin', () => this.refresh());
    this.element.addEventListener('pointerenter', () => this.refresh());
    this.refresh();
  }

  /** The epochs field and its hint follow the playground (its epoch, whether it replays); a frame that changes neither writes nothing. */
  refresh(): void {
    const s = this.host.snapshot();
    const replay = !!s && s.replayable && s.epoch > 0;
    const epoch = s ? s.epoch : 0;
    const batch = s ? s.batch : 0;
    const shown = `${replay}:${epoch}:${batch}:${this.typedEpochs === ''}`;
    if (shown === this.shown) return;
    this.shown = shown;
    if (this.typedEpochs === '') this.epochsField.value = String(replay ? epoch : 100);
    this.scriptHint.textContent = replay
      ? this.t('playground.export_script_replay', { epoch })
      : batch > 0
        ? this.t('playground.export_script_from_batch', { epoch, next: epoch + 1, batch })
        : this.t('playground.export_script_from_here', { epoch });
  }

  retranslate(): void {
    this.shown = '';
    this.refresh();
    this.renderOpened();
    for (const [id, message] of Object.entries(this.errors)) this.setError(id, message);
  }

  private setError(id: string, message: (() => string) | null): void {
    this.errors[id] = message;
    const slot = this.element.querySelector<HTMLElement>(`#error-${id}`)!;
    slot.textContent = message ? message() : '';
    const control = this.element.querySelector<HTMLElement>(`#${id}`);
    if (control instanceof HTMLInputElement) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  /** The slots that say the files' module failed to load. */
  private filesFailed = new Set<string>();

  /** The files' module, or null with the reason said in the slot of `id`. */
  private async loadFiles(id: string): Promise<BackpropCore | null> {
    const waiting = setTimeout(() => (this.filesStatus.textContent = this.t('core.loading')), 150);
    try {
      const files = await this.files();
      for (const slot of this.filesFailed) this.setError(slot, null);
      this.filesFailed.clear();
      return files;
    } catch (e) {
      const message = String(e);
      this.filesFailed.add(id);
      this.setError(id, () => this.t('core.failed', { message }));
      return null;
    } finally {
      clearTimeout(waiting);
      this.filesStatus.textContent = '';
    }
  }

  private async saveWeights(): Promise<void> {
    const s = this.host.snapshot();
    if (!s) return;
    const files = await this.loadFiles('pg-open-weights');
    if (!files) return;
    const { text } = files.weightsFile({ network: s.network, features: s.setup.features, epoch: s.epoch });
    download(`${baseName(s)}-weights.json`, new Blob([text], { type: 'application/json' }));
  }

  /** Reads a weights file with the core: the playground changes only when every check passes. */
  async openFile(file: File): Promise<void> {
    const s = this.host.snapshot();
    if (!s) return;
    const [text, files] = await Promise.all([file.text(), this.loadFiles('pg-open-weights')]);
    if (!files) return;
    try {
      const opened = files.openWeights({ text, regression: s.task.regression, classes: s.task.regression ? 0 : s.task.classes });
      this.setError('pg-open-weights', null);
      this.host.open(opened);
      this.opened = { name: file.name, epoch: opened.epoch };
      this.renderOpened();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      const name = file.name;
      this.setError('pg-open-weights', () => this.t('playground.open_error', { name, message: errorMessage(e, this.fieldLabel(e.field), this.t) }));
    }
  }

  /** The file opened last and its epoch, said beside the button (with what a link does not carry), or null. */
  private opened: { name: string; epoch: number } | null = null;

  /** The playground left the opened weights (a reset, other data): the note goes. */
  forgetOpened(): void {
    this.opened = null;
    this.renderOpened();
  }

  private renderOpened(): void {
    this.openStatus.textContent = this.opened ? `${this.t('playground.opened_weights', this.opened)} ${this.t('playground.opened_not_in_link')}` : '';
  }

  /** The file's fields as the reader knows them. */
  private fieldLabel(field: string): string | undefined {
    const layer = /^layers\[(\d+)\]$/.exec(field);
    if (layer) return this.t('playground.file_layer', { layer: Number(layer[1]) });
    if (field === 'format') return this.t('playground.file_format');
    const act = /^activations\[(\d+)\]$/.exec(field);
    if (act) return this.t('playground.file_activation', { layer: Number(act[1]) + 1 });
    return undefined;
  }

  private async saveScript(): Promise<void> {
    const s = this.host.snapshot();
    if (!s) return;
    const files = await this.loadFiles('pg-export-epochs');
    if (!files) return;
    const replay = s.replayable && s.epoch > 0;
    // From the fresh network when the epochs so far replay from it; else from the weights on screen.
    const network = replay ? makeNetwork(this.core, s.setup, s.task) : s.network;
    try {
      const { script } = files.exportPytorch({
        network,
        optimizer: s.optimizer,
        points: s.data,
        features: s.setup.features,
        targets: s.task.targets,
        ...(s.task.targets === 'one_hot' ? { classes: s.task.classes } : {}),
        epochs: this.epochsField.value,
        seed: replay ? 1 : s.epoch + 1,
        batch_size: s.setup.batch,
        l1: s.setup.l1,
        l2: s.setup.l2,
      });
      this.setError('pg-export-epochs', null);
      download(`${baseName(s)}-train.py`, new Blob([script], { type: 'text/x-python' }));
    } catch (e) {
      if (!isCoreError(e)) throw e;
      const labels: Record<string, string> = { epochs: 'playground.export_epochs', batch_size: 'playground.batch', l1: 'playground.l1', l2: 'playground.l2', 'optimizer.lr': 'playground.lr' };
      this.setError('pg-export-epochs', () => errorMessage(e, labels[e.field] ? this.t(labels[e.field]) : undefined, this.t));
    }
  }

  private async saveDrawing(kind: 'svg' | 'png'): Promise<void> {
    const s = this.host.snapshot();
    if (!s) return;
    const scene = drawingScene(this.host.network, this.host.plane, this.caption(s));
    if (kind === 'svg') download(`${baseName(s)}.svg`, new Blob([sceneSvg(scene)], { type: 'image/svg+xml' }));
    else download(`${baseName(s)}.png`, await scenePng(scene, 2));
  }

  private caption(s: Snapshot): string {
    const t = this.t;
    const shape = [s.setup.features.length, ...s.setup.hidden, s.task.outputs].join('–');
    return `${t(`dataset.${s.setup.kind}`)} · ${shape} · ${t('playground.caption_epoch', { n: s.epoch })}`;
  }
}

// The drawing as a scene: images (canvases), lines and texts, in CSS pixels
// from its top left; written as SVG or painted on a canvas for a PNG.
type Item =
  | { kind: 'image'; source: HTMLCanvasElement; x: number; y: number; w: number; h: number; smooth: boolean }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; opacity: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; stroke: string; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; colour: string; font: string; size: number; weight: string; anchor: 'start' | 'middle' };

export interface Scene {
  width: number;
  height: number;
  background: string;
  items: Item[];
}

const PAD = 16;
const CAPTION = 28;
const GAP = 24;

/** The network's stage and the plane's box, side by side, as they are laid out on screen. */
export function drawingScene(network: HTMLElement, plane: HTMLElement, caption: string): Scene {
  const items: Item[] = [];
  const stage = network.querySelector<HTMLElement>('.net-stage') ?? network;
  const box = plane.querySelector<HTMLElement>('.plane-box') ?? plane;
  const rootStyle = getComputedStyle(network);
  const ink = rootStyle.color;
  const font = rootStyle.fontFamily;
  const origin = stage.getBoundingClientRect();
  const top = PAD + CAPTION;
  const at = (r: DOMRect) => ({ x: PAD + r.left - origin.left, y: top + r.top - origin.top, w: r.width, h: r.height });
  items.push({ kind: 'text', x: PAD, y: PAD + 16, text: caption, colour: ink, font, size: 15, weight: '600', anchor: 'start' });
  // The edges, each as the page draws it: its colour, width and opacity (not the wider transparent line that takes a click).
  for (const line of stage.querySelectorAll<SVGLineElement>('line.edge')) {
    const st = getComputedStyle(line);
    const n = (a: string) => Number(line.getAttribute(a) ?? 0);
    items.push({
      kind: 'line',
      x1: PAD + n('x1'),
      y1: top + n('y1'),
      x2: PAD + n('x2'),
      y2: top + n('y2'),
      stroke: st.stroke,
      width: Number.parseFloat(st.strokeWidth) || 1,
      opacity: Number(st.opacity) * (Number(st.strokeOpacity) || 1),
    });
  }
  // Every neuron's thumbnail, with its frame, and the column titles and feature names.
  for (const canvas of stage.querySelectorAll<HTMLCanvasElement>('canvas.thumb')) {
    if (canvas.classList.contains('blank')) continue;
    const r = at(canvas.getBoundingClientRect());
    items.push({ kind: 'image', source: canvas, ...r, smooth: false });
    items.push({ kind: 'rect', ...r, stroke: getComputedStyle(canvas).borderTopColor || ink, fill: 'none' });
  }
  for (const el of stage.querySelectorAll<HTMLElement>('.col-title, .feature-name')) {
    // A feature switched off is a control on screen, not part of the network.
    if (el.closest('[aria-pressed="false"]')) continue;
    const r = at(el.getBoundingClientRect());
    const st = getComputedStyle(el);
    const size = Number.parseFloat(st.fontSize) || 12;
    const centred = el.classList.contains('feature-name') ? false : st.textAlign === 'center';
    items.push({
      kind: 'text',
      x: centred ? r.x + r.w / 2 : r.x,
      y: r.y + r.h / 2 + size * 0.35,
      text: el.textContent ?? '',
      colour: st.color,
      font: st.fontFamily,
      size,
      weight: st.fontWeight,
      anchor: centred ? 'middle' : 'start',
    });
  }
  const networkWidth = origin.width;
  // The plane: its heat map, its points over it, its frame; as large as the network is tall (240 … 420 px).
  const side = Math.round(Math.min(420, Math.max(240, origin.height)));
  const px = PAD + networkWidth + GAP;
  const heat = box.querySelector<HTMLCanvasElement>('canvas.heat');
  if (heat && !heat.hidden) items.push({ kind: 'image', source: heat, x: px, y: top, w: side, h: side, smooth: true });
  const points = box.querySelector<HTMLCanvasElement>('canvas.points');
  if (points && points.width > 1) items.push({ kind: 'image', source: points, x: px, y: top, w: side, h: side, smooth: true });
  items.push({ kind: 'rect', x: px, y: top, w: side, h: side, stroke: ink, fill: 'none' });
  const paper = getComputedStyle(network.closest('.playground') ?? network).backgroundColor;
  // As tall as what is drawn (the network's column of features switched off is left out).
  const bottom = Math.max(...items.map((i) => (i.kind === 'line' ? Math.max(i.y1, i.y2) : i.kind === 'text' ? i.y + i.size * 0.3 : i.y + i.h)));
  return {
    width: Math.ceil(px + side + PAD),
    height: Math.ceil(bottom + PAD),
    background: paper && paper !== 'rgba(0, 0, 0, 0)' ? paper : '#ffffff',
    items,
  };
}

const round = (v: number) => String(Math.round(v * 100) / 100);

/** The scene as an SVG document: the canvases as embedded PNG images. */
export function sceneSvg(scene: Scene): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}">`,
    `<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`,
  ];
  for (const item of scene.items) {
    if (item.kind === 'image') {
      const rendering = item.smooth ? '' : ' image-rendering="pixelated"';
      out.push(
        `<image x="${round(item.x)}" y="${round(item.y)}" width="${round(item.w)}" height="${round(item.h)}" preserveAspectRatio="none"${rendering} href="${item.source.toDataURL('image/png')}"/>`,
      );
    } else if (item.kind === 'line') {
      out.push(
        `<line x1="${round(item.x1)}" y1="${round(item.y1)}" x2="${round(item.x2)}" y2="${round(item.y2)}" stroke="${escapeXml(item.stroke)}" stroke-width="${round(item.width)}" stroke-opacity="${round(item.opacity)}" stroke-linecap="round"/>`,
      );
    } else if (item.kind === 'rect') {
      out.push(`<rect x="${round(item.x)}" y="${round(item.y)}" width="${round(item.w)}" height="${round(item.h)}" fill="${item.fill}" stroke="${escapeXml(item.stroke)}" stroke-width="1"/>`);
    } else {
      out.push(
        `<text x="${round(item.x)}" y="${round(item.y)}" fill="${escapeXml(item.colour)}" font-family="${escapeXml(item.font)}" font-size="${round(item.size)}" font-weight="${escapeXml(item.weight)}" text-anchor="${item.anchor}">${escapeXml(item.text)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The scene painted at `scale` device pixels a CSS pixel, as a PNG. */
export function scenePng(scene: Scene, scale: number): Promise<Blob> {
  const canvas = h('canvas', { width: Math.round(scene.width * scale), height: Math.round(scene.height * scale) });
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const item of scene.items) {
    ctx.save();
    if (item.kind === 'image') {
      ctx.imageSmoothingEnabled = item.smooth;
      ctx.drawImage(item.source, item.x, item.y, item.w, item.h);
    } else if (item.kind === 'line') {
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = item.width;
      ctx.globalAlpha = item.opacity;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(item.x1, item.y1);
      ctx.lineTo(item.x2, item.y2);
      ctx.stroke();
    } else if (item.kind === 'rect') {
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = 1;
      ctx.strokeRect(item.x + 0.5, item.y + 0.5, item.w - 1, item.h - 1);
    } else {
      ctx.fillStyle = item.colour;
      ctx.font = `${item.weight} ${item.size}px ${item.font}`;
      ctx.textAlign = item.anchor === 'middle' ? 'center' : 'left';
      ctx.fillText(item.text, item.x, item.y);
    }
    ctx.restore();
  }
  return canvasPng(canvas);
}
