// The core's ids for a network's nodes and parameters, by the pattern the
// README documents ("Term ids"; core/nn/names.hpp): what the page looks up
// in the core's trace. Naming only.

/** Layer sizes n_0 (the inputs) … n_L (the outputs). */
export type Sizes = readonly number[];

/** Node j (from 0) of layer l: i1 …, h1 … (one hidden layer) or h<l>_<j>, o1 …. */
export function nodeId(sizes: Sizes, l: number, j: number): string {
  const L = sizes.length - 1;
  if (l === 0) return `i${j + 1}`;
  if (l === L) return `o${j + 1}`;
  return L === 2 ? `h${j + 1}` : `h${l}_${j + 1}`;
}

/** The weight from node i of layer l − 1 to node j of layer l (l from 1): w1, w2, … through the layers, row by row. */
export function weightId(sizes: Sizes, l: number, j: number, i: number): string {
  let first = 1;
  for (let m = 1; m < l; m++) first += sizes[m] * sizes[m - 1];
  return `w${first + j * sizes[l - 1] + i}`;
}

/** Node j's own bias (the playground's networks have one a neuron): b_h1, b_o1 …. */
export function biasId(sizes: Sizes, l: number, j: number): string {
  return `b_${nodeId(sizes, l, j)}`;
}

/** Every weight, bias and neuron (not the inputs) of a network, in the core's order. */
export function parameters(sizes: Sizes): { weights: string[]; biases: string[]; neurons: string[] } {
  const weights: string[] = [];
  const biases: string[] = [];
  const neurons: string[] = [];
  for (let l = 1; l < sizes.length; l++) {
    for (let j = 0; j < sizes[l]; j++) {
      for (let i = 0; i < sizes[l - 1]; i++) weights.push(weightId(sizes, l, j, i));
      biases.push(biasId(sizes, l, j));
      neurons.push(nodeId(sizes, l, j));
    }
  }
  return { weights, biases, neurons };
}
