// The network as an SVG drawing: nodes by layer, weights and biases as
// edges with their values, and the current term's nodes and edges
// highlighted. Positions are layout only; every number comes from the trace.
import type { Drawing, Term } from '../shared/core-types';
import { s } from '../shared/dom';
import { short } from '../shared/format';
import { t } from '../shared/i18n';

const WIDTH = 760;
const HEIGHT = 380;
const R = 27;

interface Point {
  x: number;
  y: number;
}

function layout(drawing: Drawing): Map<string, Point> {
  const at = new Map<string, Point>();
  const columns = drawing.layers.length;
  drawing.layers.forEach((layer, l) => {
    const x = 90 + (l * (WIDTH - 230)) / Math.max(1, columns - 1);
    const n = layer.nodes.length;
    const gap = Math.min(150, (HEIGHT - 150) / Math.max(1, n - 1));
    layer.nodes.forEach((node, j) => {
      at.set(node.id, { x, y: 150 + (j - (n - 1) / 2) * gap + (n === 1 ? 0 : 0) });
    });
  });
  // Bias nodes sit below, between their layer and the one before it.
  for (const bias of drawing.biases) {
    const layerNodes = drawing.layers[bias.layer].nodes;
    const prev = at.get(drawing.layers[bias.layer - 1].nodes[0].id)!;
    const here = at.get(layerNodes[0].id)!;
    const lowest = Math.max(...layerNodes.map((node) => at.get(node.id)!.y));
    const index = drawing.biases.filter((b) => b.layer === bias.layer).indexOf(bias);
    at.set(`bias:${bias.id}`, { x: (prev.x + here.x) / 2 + 40 + index * 34, y: lowest + 95 + index * 22 });
  }
  return at;
}

function edgeLabel(from: Point, to: Point, fraction: number, text: string, className: string) {
  const x = from.x + (to.x - from.x) * fraction;
  const y = from.y + (to.y - from.y) * fraction;
  const width = text.length * 7.4 + 10;
  return s(
    'g',
    { class: className },
    s('rect', { x: x - width / 2, y: y - 11, width, height: 20, rx: 4 }),
    s('text', { x, y: y + 4, 'text-anchor': 'middle' }, text),
  );
}

export class NetworkView {
  readonly element: SVGSVGElement;
  private title: SVGTitleElement;
  private desc: SVGDescElement;
  private body: SVGGElement;

  constructor() {
    this.title = s('title', { id: 'network-title' });
    this.desc = s('desc', { id: 'network-desc' });
    this.body = s('g');
    this.element = s(
      'svg',
      {
        class: 'network',
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        role: 'img',
        'aria-labelledby': 'network-title network-desc',
      },
      this.title,
      this.desc,
      this.body,
    );
  }

  render(drawing: Drawing, term: Term | undefined): void {
    const at = layout(drawing);
    const nodes = new Set(term?.nodes ?? []);
    const edges = new Set(term?.edges ?? []);
    const focus = nodes.size > 0 || edges.size > 0;
    const layer = (kind: string) => drawing.layers.filter((l) => l.kind === kind).flatMap((l) => l.nodes.map((n) => n.id));

    this.title.textContent = t('stepper.drawing');
    this.desc.textContent = t('stepper.drawing_alt', {
      inputs: layer('input').join(', '),
      hidden: layer('hidden').join(', ') || '—',
      outputs: layer('output').join(', '),
      highlight: [...nodes, ...edges].join(', ') || t('stepper.drawing_nothing'),
    });

    const edgeGroup = s('g', { class: 'edges' });
    const labelGroup = s('g', { class: 'edge-labels' });
    for (const w of drawing.weights) {
      const from = at.get(w.from)!;
      const to = at.get(w.to)!;
      const state = `${edges.has(w.id) ? ' hl' : ''}${focus && !edges.has(w.id) ? ' dim' : ''}`;
      edgeGroup.append(
        s('line', { class: `edge${state}`, 'data-param': w.id, x1: from.x, y1: from.y, x2: to.x, y2: to.y }),
      );
      labelGroup.append(edgeLabel(from, to, 0.3, `${w.id} = ${short(w.value)}`, `edge-label${state}`));
    }
    for (const b of drawing.biases) {
      const from = at.get(`bias:${b.id}`)!;
      const hl = edges.has(b.id);
      const cls = `edge bias${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`;
      for (const target of b.to) {
        const to = at.get(target)!;
        edgeGroup.append(s('line', { class: cls, 'data-param': b.id, x1: from.x, y1: from.y, x2: to.x, y2: to.y }));
      }
      labelGroup.append(
        s(
          'g',
          { class: `bias-node${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`, 'data-param': b.id },
          s('rect', { x: from.x - 16, y: from.y - 13, width: 32, height: 26, rx: 6 }),
          s('text', { x: from.x, y: from.y + 5, 'text-anchor': 'middle' }, '1'),
          s('text', { x: from.x, y: from.y + 32, 'text-anchor': 'middle', class: 'bias-label' }, `${b.id} = ${short(b.value)}`),
        ),
      );
    }

    const nodeGroup = s('g', { class: 'nodes' });
    for (const l of drawing.layers) {
      for (const node of l.nodes) {
        const p = at.get(node.id)!;
        const hl = nodes.has(node.id);
        nodeGroup.append(
          s(
            'g',
            { class: `node ${l.kind}${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`, 'data-node': node.id },
            s('circle', { cx: p.x, cy: p.y, r: R }),
            s('text', { x: p.x, y: p.y + 5, 'text-anchor': 'middle', class: 'node-name' }, node.id),
            s('text', { x: p.x, y: p.y - R - 8, 'text-anchor': 'middle', class: 'node-value' }, short(node.out)),
          ),
        );
      }
    }
    for (const target of drawing.targets) {
      const p = at.get(target.node)!;
      nodeGroup.append(
        s(
          'text',
          { x: p.x + R + 12, y: p.y + 5, class: `target${focus && !nodes.has(target.node) ? ' dim' : ''}` },
          `${t('stepper.target')} ${short(target.value)}`,
        ),
      );
    }
    this.body.replaceChildren(edgeGroup, labelGroup, nodeGroup);
  }
}
