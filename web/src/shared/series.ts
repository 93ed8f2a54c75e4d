// Series helpers for drawing: which points to draw, and the range of the
// values. Layout only: the values are the core's. No d3 here, so a widget
// that only thins a series (the stepper's history) does not load the charts.

/**
 * The points of a series worth drawing at this many pixel columns: in each
 * column's run of points, the first, the lowest, the highest and the last
 * (in their order), so the line keeps its every peak. Non-finite values
 * (and those `keep` refuses) are left out. Layout only: the values are the core's.
 */
export function decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, columns: number, keep: (y: number) => boolean = () => true): [number, number][] {
  const n = Math.min(xs.length, ys.length);
  const usable = (i: number) => Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && keep(ys[i]);
  const out: [number, number][] = [];
  const per = Math.max(1, Math.ceil(n / Math.max(1, columns)));
  if (per <= 4) {
    for (let i = 0; i < n; i++) if (usable(i)) out.push([xs[i], ys[i]]);
    return out;
  }
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    let first = -1;
    let last = -1;
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      if (!usable(i)) continue;
      if (first < 0) first = i;
      last = i;
      if (lo < 0 || ys[i] < ys[lo]) lo = i;
      if (hi < 0 || ys[i] > ys[hi]) hi = i;
    }
    if (first < 0) continue;
    for (const i of [...new Set([first, lo, hi, last])].sort((a, b) => a - b)) out.push([xs[i], ys[i]]);
  }
  return out;
}

/** The smallest and largest finite values (in one pass: no spread of a long array into a call), or null. */
export function finiteRange(values: ArrayLike<number>, keep: (v: number) => boolean = () => true): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && keep(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A domain around values, padded; [-1, 1] when there is nothing finite. */
export function extent(values: ArrayLike<number>, pad = 0.08): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const margin = (hi - lo) * pad;
  return [lo - margin, hi + margin];
}
