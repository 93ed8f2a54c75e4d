// The shapes of what the wasm core takes and returns (core/api.hpp).

export type Num = number | string; // a number, or the text typed in a field

export interface LossSpec {
  kind: string;
  beta?: Num;
  label_smoothing?: Num;
}

export interface Config {
  layers: Num[];
  activations: string[] | string;
  inputs: Num[];
  targets: Num[];
  weights: Num[][][];
  biases: (Num | Num[])[];
  shared_bias: boolean;
  train_biases: boolean;
  learning_rate: Num;
  loss: string | LossSpec;
}

export interface Term {
  id: string;
  phase: string;
  kind: string;
  param: string;
  symbol: string;
  formula: string;
  numbers: string;
  value: number;
  nodes: string[];
  edges: string[];
  deps: string[];
  explain: string;
  notes: string[];
}

export interface DrawingNode {
  id: string;
  tex: string;
  out: number;
  net?: number;
  path?: (string | number)[];
}

export interface DrawingLayer {
  kind: 'input' | 'hidden' | 'output';
  activation: string | null;
  nodes: DrawingNode[];
}

export interface DrawingParam {
  id: string;
  tex: string;
  value: number;
  next: number;
  gradient: number;
  path: (string | number)[];
}

export interface DrawingWeight extends DrawingParam {
  from: string;
  to: string;
}

export interface DrawingBias extends DrawingParam {
  layer: number;
  to: string[];
}

export interface DrawingTarget {
  id: string;
  tex: string;
  node: string;
  value: number;
  path: (string | number)[];
}

export interface Drawing {
  layers: DrawingLayer[];
  weights: DrawingWeight[];
  biases: DrawingBias[];
  targets: DrawingTarget[];
}

export interface Trace {
  phases: string[];
  terms: Term[];
  chains: { param: string; terms: string[] }[];
  network: Drawing;
  loss: string | LossSpec;
  learning_rate: number;
  train_biases: boolean;
  E_total: number;
  E_total_next: number;
  config: Config;
  next: Config;
}

export interface TrainResult {
  iterations: number;
  E_total: number[];
  outputs: number[];
  final: Config;
  diverged_at: number | null;
}

export interface BackpropCore {
  classic(): Config;
  trace(config: Config, options: { digits?: number }): Trace;
  train(config: Config, options: { iterations?: number; history?: boolean }): TrainResult;
  biasMode(config: Config, options: { train_biases: boolean }): Config;
  errorCodes(): Record<string, string>;
  /** Bytes of the wasm heap in use (for leak tests). */
  heapUsed(): number;
}

/** An error thrown by the core: its code and field name the message in the catalog. */
export interface CoreError extends Error {
  code: string;
  field: string;
  params: Record<string, string>;
}

export function isCoreError(e: unknown): e is CoreError {
  return e instanceof Error && typeof (e as Partial<CoreError>).code === 'string';
}
