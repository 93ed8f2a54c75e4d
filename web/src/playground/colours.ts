// How the playground paints values: a diverging scale (orange for the
// negative class, blue for the positive, the paper's own tone between),
// one colour and shape a class, read from the stylesheet so the dark
// theme has its own. Painting only: every value is the core's.

export type RGB = [number, number, number];

/** The classes' colours (class 0 and 1 are the scale's two ends); the stylesheet may override them. */
const CLASS_VARS = ['--pg-neg', '--pg-pos', '--pg-c2', '--pg-c3', '--pg-c4', '--pg-c5', '--pg-c6', '--pg-c7'];

export interface Palette {
  neg: RGB;
  mid: RGB;
  pos: RGB;
  ink: RGB;
  paper: RGB;
  classes: RGB[];
}

function parse(colour: string): RGB {
  let c = colour.trim();
  // A minifier may write #fff for #ffffff.
  if (/^#[0-9a-f]{3}$/i.test(c)) c = `#${[...c.slice(1)].map((d) => d + d).join('')}`;
  const hex = /^#([0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const n = Number.parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(c);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [128, 128, 128];
}

/** The palette the element's stylesheet gives now (light or dark). */
export function palette(el: Element): Palette {
  const style = getComputedStyle(el);
  const read = (name: string) => parse(style.getPropertyValue(name));
  return {
    neg: read('--pg-neg'),
    mid: read('--pg-mid'),
    pos: read('--pg-pos'),
    ink: read('--ink'),
    paper: read('--paper'),
    classes: CLASS_VARS.map(read),
  };
}

export function css([r, g, b]: RGB): string {
  return `rgb(${r}, ${g}, ${b})`;
}

function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** A value on the diverging scale from lo (neg) through the middle to hi (pos); outside, the end's colour; not finite, the middle. */
export function diverging(p: Palette, v: number, lo: number, hi: number): RGB {
  if (!Number.isFinite(v)) return p.mid;
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  return t < 0.5 ? mix(p.neg, p.mid, t * 2) : mix(p.mid, p.pos, (t - 0.5) * 2);
}

/** A class's colour at strength s (0: the middle tone, 1: the class's own). */
export function classTone(p: Palette, k: number, s: number): RGB {
  return mix(p.mid, p.classes[k % p.classes.length], Math.min(1, Math.max(0, s)));
}

/** The class's marker: a path of radius about r around (x, y). Shapes tell the classes apart without colour. */
export function marker(ctx: CanvasRenderingContext2D, k: number, x: number, y: number, r: number): void {
  ctx.beginPath();
  const poly = (points: [number, number][]) => {
    ctx.moveTo(x + points[0][0] * r, y + points[0][1] * r);
    for (const [px, py] of points.slice(1)) ctx.lineTo(x + px * r, y + py * r);
    ctx.closePath();
  };
  switch (k % 8) {
    case 0:
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 1:
      poly([[-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]]);
      break;
    case 2:
      poly([[0, -1.15], [1.05, 0.75], [-1.05, 0.75]]);
      break;
    case 3:
      poly([[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]]);
      break;
    case 4:
      poly([[0, 1.15], [1.05, -0.75], [-1.05, -0.75]]);
      break;
    case 5:
      poly([[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1], [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]]);
      break;
    case 6: {
      const pts: [number, number][] = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 ? 0.5 : 1.2;
        pts.push([Math.cos(a) * rr, Math.sin(a) * rr]);
      }
      poly(pts);
      break;
    }
    default: {
      const pts: [number, number][] = [];
      for (let i = 0; i < 6; i++) pts.push([Math.cos((i * Math.PI) / 3), Math.sin((i * Math.PI) / 3)]);
      poly(pts);
    }
  }
}

/**
 * A point as the plane and its legend draw it, readable on any tone of the
 * heat map, its own class's fully saturated colour too: a training point is
 * filled with its colour inside a ring of ink; a test point is a ring of its
 * colour with a thin ink line on each side, the heat map showing through.
 */
export function drawPoint(ctx: CanvasRenderingContext2D, p: Palette, k: number, x: number, y: number, r: number, colour: RGB, test: boolean): void {
  if (test) {
    marker(ctx, k, x, y, r + 0.5);
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4.5;
    ctx.strokeStyle = css(p.ink);
    ctx.stroke();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = css(colour);
    ctx.stroke();
    return;
  }
  marker(ctx, k, x, y, r);
  ctx.lineJoin = 'round';
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = css(p.ink);
  ctx.stroke();
  ctx.fillStyle = css(colour);
  ctx.fill();
}
