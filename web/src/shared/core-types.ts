// The shapes of what the wasm core takes and returns (core/api/api.hpp).

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
  /** Where the right-hand side is a sum: the same broken over lines, "+ summand" from the second on. */
  formula_lines?: string[];
  numbers_lines?: string[];
  value: number;
  /** The value as the page shows it: 9 significant digits, as JavaScript writes the number (0.0821670406, 3.51e-7). */
  value_text: string;
  nodes: string[];
  edges: string[];
  /** The terms it is computed from, by their places in the trace's terms. */
  deps: Float64Array;
  explain: string;
  notes: string[];
}

export interface DrawingNode {
  id: string;
  tex: string;
  out: number;
  /** Its output after the update (not for inputs). */
  out_next?: number;
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
  /** Each parameter's chain: its terms by their places in `terms`. */
  chains: { param: string; terms: Float64Array }[];
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
  E_total: Float64Array;
  outputs: number[];
  final: Config;
  diverged_at: number | null;
  stop_reason: StopReason | null;
}

/** An activation of the core's table. */
export interface ActivationInfo {
  name: string;
  /** softmax: its out depends on the whole layer, and it may only be the output layer. */
  whole_layer: boolean;
  /** LaTeX of out = f(net) and of dout/dnet (empty for a whole-layer activation). */
  formula: string;
  derivative: string;
  /** The export's PyTorch expression, {z} standing for the layer's net. */
  pytorch: string;
}

/** A loss of the core's table. */
export interface LossInfo {
  name: LossKind;
  /** The output activation it needs ("sigmoid", "softmax"), or "". */
  needs: string;
  targets: 'probabilities' | 'any';
  targets_sum_to_one: boolean;
  parameters: { key: string; type: string; default: number; min: number; max: number | null }[];
  /** LaTeX of E and of dE/dout for one output. */
  formula: string;
  gradient: string;
  pytorch: string;
}

/** An optimizer of the core's table: its settings as torch.optim names them, with PyTorch's defaults. */
export interface OptimizerInfo {
  name: OptimizerSpec['kind'];
  pytorch: string;
  settings: OptimizerSettingInfo[];
}

export interface OptimizerSettingInfo {
  key: string;
  type: 'positive' | 'non_negative' | 'rate' | 'unit' | 'boolean' | 'form';
  default: number | boolean | 'ewa' | 'pytorch';
  /** Momentum: the one form that has this setting. */
  form?: 'ewa' | 'pytorch';
}

/** Why a run stopped (core/train/stop.hpp): the first update whose loss or parameters are not finite. */
export type StopReason = 'start' | 'diverged' | 'gradient' | 'undefined';

export type LossKind = 'mse' | 'mae' | 'smooth_l1' | 'huber' | 'bce' | 'bce_logits' | 'ce';

export interface LossSpecBatch {
  kind: LossKind;
  input: Num[] | Num[][];
  target: Num[] | Num[][];
  reduction?: 'mean' | 'sum';
  beta?: Num;
  delta?: Num;
  label_smoothing?: Num;
}

export interface LossCurveSpec {
  kind: LossKind;
  target: Num;
  from: Num;
  to: Num;
  points: number;
  beta?: Num;
  delta?: Num;
  label_smoothing?: Num;
  logits?: Num[];
  vary?: number;
}

export interface LossCurve {
  x: Float64Array;
  loss: Float64Array;
  grad: Float64Array;
}

export interface LineFitResult {
  loss: 'mse' | 'mae' | 'smooth_l1';
  a: Float64Array;
  b: Float64Array;
  E: Float64Array;
  /** E minus the lowest E of the run: 0 where the fit has settled. */
  above_lowest: Float64Array;
  diverged_at: number | null;
  stop_reason: StopReason | null;
}

export type Surface = { preset: string } | { expression: string };

export interface OptimizerSpec {
  id?: string;
  kind: 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';
  lr?: Num;
  weight_decay?: Num;
  momentum?: Num;
  dampening?: Num;
  nesterov?: boolean;
  form?: 'ewa' | 'pytorch';
  beta?: Num;
  lr_decay?: Num;
  initial_accumulator?: Num;
  alpha?: Num;
  centered?: boolean;
  beta1?: Num;
  beta2?: Num;
  bias_correction?: boolean;
  decoupled?: boolean;
  amsgrad?: boolean;
  eps?: Num;
}

export interface PresetSurface {
  name: string;
  expression: string;
  tex: string;
  trouble: string;
  domain: [number, number, number, number];
  start: [number, number];
  minima: [number, number][];
  saddles: [number, number][];
  rates: Record<string, number>;
}

export interface RaceRun {
  id: string;
  x: Float64Array;
  y: Float64Array;
  loss: Float64Array;
  stopped_at: number | null;
  reason: '' | StopReason;
}

/** An optimizer's state; its vectors arrive as Float64Array. */
export interface StepState {
  t: number;
  grad?: Float64Array;
  buffer?: Float64Array;
  direction?: Float64Array;
  s?: Float64Array;
  g_avg?: Float64Array;
  m?: Float64Array;
  v?: Float64Array;
  v_max?: Float64Array;
  m_hat?: Float64Array;
  v_hat?: Float64Array;
  denominator?: Float64Array;
  effective_rate?: Float64Array;
  update?: Float64Array;
  lr_t: number;
}

export interface OptimizerStep {
  step: number;
  theta_before: number[];
  theta_after: number[];
  loss_before: number;
  loss_after: number;
  before: StepState;
  after: StepState;
  /** numbers_lines: numbers broken at its equals signs, for a narrow box. */
  tex: { formula: string; numbers: string; numbers_lines: string[] }[];
}

/** Examples as rows, or as one Float64Array of every example's numbers, example after example. */
export interface Examples {
  inputs: Num[][] | Float64Array;
  targets: Num[][] | Float64Array;
}

export interface TrainingSpec {
  network: Config;
  optimizer?: OptimizerSpec;
  data?: Examples;
  zero_grad?: boolean;
  /** One of the training loop's mistakes (core/train/loop_bugs.hpp). */
  bug?: LoopBug;
  /** backward_twice: the first backward(retain_graph=True). */
  retain_graph?: boolean;
  state?: TrainingState | null;
}

export type LoopBug = 'none' | 'backward_twice' | 'step_before_backward' | 'zero_grad_before_step' | 'no_step';
export type LoopLine = 'zero_grad' | 'forward' | 'loss' | 'backward' | 'backward_again' | 'step';

/** Where PyTorch stops the loop with a RuntimeError: the iteration, the line, its text. */
export interface LoopError {
  iteration: number;
  line: LoopLine;
  message: string;
}

export interface TrainingState {
  iteration: number;
  grad: Float64Array;
  optimizer: StepState;
}

export interface TrainingRun {
  E_total: Float64Array;
  diverged_at: number | null;
  stop_reason: StopReason | null;
  network: Config;
  state: TrainingState;
  outputs: Float64Array[];
  error: LoopError | null;
  /** The loop's lines as the listing runs them. */
  lines: { line: LoopLine; skipped: boolean; changed: boolean }[];
}

export interface RunComparison {
  a_below_from: number | null;
  b_below_from: number | null;
  a_constant_from: number | null;
  b_constant_from: number | null;
}

export interface TrainingIteration {
  iteration: number;
  parameters: { names: string[]; terms: string[] };
  grad_before: Float64Array;
  grad_zeroed: Float64Array;
  grad_batch: Float64Array;
  grad_after: Float64Array;
  /** The loop's lines in the order they run, with .grad after each (null after the line PyTorch stops at). */
  lines: { line: LoopLine; skipped: boolean; grad: Float64Array | null }[];
  /** step() found .grad None and skipped every parameter. */
  grad_none: boolean;
  grad_step: Float64Array | null;
  grad_end: Float64Array;
  error: LoopError | null;
  theta_before: Float64Array;
  theta_after: Float64Array;
  E_total: number;
  E_examples: Float64Array;
  forward: { net?: Float64Array; out: Float64Array }[][];
  optimizer_before: StepState;
  optimizer_after: StepState;
  network: Config;
  state: TrainingState;
}

/** The catalog of mistakes (core/exercise/mistakes.cpp). */
export type MistakeId =
  | 'sign_dE_dout'
  | 'sigma_prime_dropped'
  | 'out_for_net'
  | 'updated_weight'
  | 'path_left_out'
  | 'eta_not_applied'
  | 'bias_as_weight';

export interface ExerciseCheck {
  verdict: 'right' | 'too_few_digits' | 'not_a_number' | 'mistake' | 'wrong';
  mistake: MistakeId | null;
  /** Significant digits given. */
  digits: number;
  min_digits: number;
  value: number | null;
}

/** The race an exercise runs: the optimizer race's spec. */
export interface RaceSpec {
  surface: Surface;
  start: Num[];
  steps: Num;
  optimizers: OptimizerSpec[];
}

/** What a tutorial's exercise asks for, computed by the core from a widget's state. */
export type ExerciseCompute =
  | { config: Config; term: string }
  | { loss: LossSpecBatch }
  | { race: RaceSpec; optimizer: string; at: 'x' | 'y' | 'loss' }
  | { race: RaceSpec; choose: 'first_below'; below: number }
  | { race: RaceSpec; choose: 'lowest' };

export interface ExerciseAnswer {
  kind: 'number' | 'choice';
  /** A choice's optimizers, in the race's order. */
  options?: string[];
  /** The number, or the right choices; null when the state gives none or, with an answer, until it is right. */
  value: number | string[] | null;
  verdict?: ExerciseCheck['verdict'] | 'no_answer';
  mistake?: MistakeId | null;
  digits?: number;
  min_digits?: number;
}

export interface BackpropCore {
  classic(): Config;
  trace(config: Config, options: { digits?: number }): Trace;
  train(config: Config, options: { iterations?: number; history?: boolean }): TrainResult;
  biasMode(config: Config, options: { train_biases: boolean }): Config;
  loss(spec: LossSpecBatch): { value: number; grad: number[] | number[][]; softmax?: number[][] };
  lossCurve(spec: LossCurveSpec): LossCurve;
  bceStability(spec: { logit: Num; target: Num }): { probability: number; on_probability: number; on_logit: number };
  fitLines(spec: {
    points: Num[][];
    losses?: string[];
    beta?: Num;
    learning_rate?: Num;
    steps?: Num;
    start?: Num[];
  }): { fits: LineFitResult[] };
  lossFormulas(): Record<LossKind, { mean: string; sum: string; grad_mean: string; grad_sum: string; also: string[] }>;
  surfaces(): PresetSurface[];
  expression(spec: { text: string }): { tex: string };
  evaluateSurface(spec: { surface: Surface; point: Num[] }): { value: number; gradient: [number, number] };
  /** values is the grid row by row from y0 (a Float64Array of its own). */
  grid(spec: { surface: Surface; domain: Num[]; width: number; height: number }): {
    width: number;
    height: number;
    min: number | null;
    max: number | null;
    values: Float64Array;
  };
  race(spec: RaceSpec): { runs: RaceRun[] };
  optimizerStep(spec: { surface: Surface; start: Num[]; optimizer: OptimizerSpec; step: number; digits?: number }): OptimizerStep;
  trainingRun(spec: TrainingSpec & { iterations: number | string }): TrainingRun;
  /** Only the checks of trainingRun: throws what it would, trains nothing. */
  trainingRun(spec: TrainingSpec & { iterations: number | string; check: true }): { iterations: number };
  trainingIteration(spec: TrainingSpec): TrainingIteration;
  /** One epoch of minibatch training; the losses only when asked. */
  trainingEpoch(spec: EpochSpec): EpochResult;
  /** Why training blew up, in numbers, at the last good state (the epoch's l1 and l2 too). */
  trainingDiagnosis(spec: TrainingSpec & { l1?: Num; l2?: Num }): Diagnosis;
  /**
   * A network over a width x height grid of the plane: every neuron's output.
   * Its inputs are x and y, or the features listed (features()'s names), whose images then come first.
   */
  networkGrid(spec: { network: Config; domain: Num[] | Float64Array; width: number; height: number; features?: string[] | null }): NetworkGrid;
  gradientCheck(spec: TrainingSpec): {
    parameters: { name: string; analytic: number; numeric: number; relative: number }[];
    /** How far the two columns agree: the largest relative difference, and whose. */
    max_relative: number;
    max_relative_parameter: string | null;
  };
  /** Two loss curves (index i: after i iterations): from which iteration one stays below the other, or keeps its last value. */
  compareRuns(spec: { a: ArrayLike<number>; b: ArrayLike<number> }): RunComparison;
  /** The PyTorch script of a training: the training loop's iterations, or the playground's epochs on its points. */
  exportPytorch(spec: (TrainingSpec & { iterations: number; print_every?: number }) | PlaygroundExportSpec): { script: string };
  csv(spec: { text: string; inputs: number; targets: number }): { inputs: number[][]; targets: number[][] };
  newNetwork(spec: { layers: Num[]; activations: string[] | string; loss?: Config['loss']; seed?: Num }): Config;
  /** A playground data set made by the core from its seed, split into training and test points. */
  dataset(spec: DatasetSpec): Dataset;
  /** Points as a network's examples: the chosen features as inputs, the labels as targets; trainingEpoch's data. */
  playgroundExamples(spec: PlaygroundExamplesSpec): { inputs: Float64Array; targets: Float64Array };
  /** The playground's weights as a file (JSON text) to open again. */
  weightsFile(spec: { network: Config; features: string[]; epoch?: number }): { text: string };
  /** A weights file read back and checked against the data on screen, or the error naming what does not fit. */
  openWeights(spec: { text: string; regression: boolean; classes: number }): OpenedWeights;
  /** The core's tables (core/api/catalogs.cpp): the page's lists and forms are built from them. */
  activations(): ActivationInfo[];
  losses(): LossInfo[];
  optimizers(): OptimizerInfo[];
  datasets(): DatasetInfo[];
  features(): FeatureInfo[];
  errorCodes(): Record<string, string>;
  /** Every reason a run can stop for, with its English message ({step}). */
  stopReasons(): Record<StopReason, string>;
  /** A number as a field takes it (text in any form the page prints, U+2212 too), read by the core; throws naming the field. */
  number(text: Num, field: string): number;
  /** The stepper's exercise mode (core/exercise/): the catalogued mistakes that reach a term, none within 1e-3 of its value. */
  exerciseMistakes(spec: { config: Config; term: string }): { term: string; value: number; mistakes: { id: MistakeId; value: number }[] };
  /** A typed answer checked against the term's value; value only when right. */
  exerciseCheck(spec: { config: Config; term: string; answer: string }): ExerciseCheck;
  /** The catalog's mistake ids, in its order. */
  exerciseMistakeIds(): MistakeId[];
  /** A tutorial's exercise: what it asks for (no answer), or the answer checked; a tolerance (relative) replaces the digits rule. */
  exerciseAnswer(spec: { compute: ExerciseCompute; answer?: string; tolerance?: number }): ExerciseAnswer;
}

/** One epoch of minibatch training: the examples in a seeded order, B at a time, one update per batch. */
export interface EpochSpec extends TrainingSpec {
  data: Examples;
  /** The test set, for E_test. */
  test?: Examples | null;
  /** B (default 10); the last batch holds what is left. */
  batch_size?: Num;
  /** The shuffle's seed (default 0): the same order natively and in wasm. */
  seed?: Num;
  /** Compute E_train and E_test after the epoch (default false). */
  losses?: boolean;
  /** Compute them before the epoch's first update too, as E_train_before and E_test_before (default false). */
  losses_before?: boolean;
  /** Run only the batches from first_batch (from 0) of the epoch's order, `batches` of them (default: to the end): the same bits as the whole epoch, part by part. */
  first_batch?: Num;
  batches?: Num;
  /** L1 regularization of the weights (not the biases): l1 Σ|w| added to the loss (default 0). */
  l1?: Num;
  /** L2 regularization of the weights: (l2 / 2) Σ w² added to the loss (default 0). */
  l2?: Num;
}

export interface EpochResult {
  /** The parameters after the epoch, in the order of trainingIteration's parameters.names. */
  parameters: Float64Array;
  network: Config;
  state: TrainingState;
  /** The updates applied (batches). */
  updates: number;
  /** The batches a whole epoch has. */
  batch_count: number;
  /** The update (from 1) at which the epoch stopped by the divergence rule, or null. */
  stopped_at: number | null;
  stop_reason: StopReason | null;
  /** The mean loss over the training set after the epoch, when losses was asked; else null. */
  E_train: number | null;
  /** The same over the test set, when losses was asked and there is one; else null. */
  E_test: number | null;
  /** l1 Σ|w| + (l2 / 2) Σ w² after the epoch, when losses was asked; else null. E_train and E_test leave it out. */
  penalty: number | null;
  /** E_train and E_test before the epoch's first update, when losses_before was asked; else null. */
  E_train_before: number | null;
  E_test_before: number | null;
}

/** The numbers behind "why did it blow up?" (core/train/epoch.hpp, diagnose). */
export interface Diagnosis {
  /** The data loss at the state. */
  E: number;
  gradient_norm: number;
  /** The length of the step the optimizer would take next. */
  step_norm: number;
  /** −g · d, d the step's direction: how fast the loss falls along it. */
  slope: number;
  /** dᵀ H d, by a central difference of the gradient. */
  curvature_along_step: number;
  /** The step against where the loss's quadratic model along it is back at E: above 1 the step goes past (SGD: η λ / 2). */
  overshoot: number;
  /** The Hessian's largest eigenvalue, by power iteration. */
  largest_curvature: number;
  /** 2 / largest_curvature: SGD's stable learning rate there; null when the curvature is not positive. */
  stable_lr: number | null;
  /** The step's length over η‖g‖: 1 for SGD, larger as momentum builds up. */
  momentum_factor: number;
  /** Sigmoid and tanh outputs within 1e-3 of their limits, over every example and unit, and of how many. */
  saturated: number;
  saturated_of: number;
  saturated_share: number | null;
  /** Hidden ReLU units whose net is ≤ 0 on every example (no gradient passes them), of how many ReLU units. */
  dead_relu: number;
  relu_units: number;
  dead_relu_share: number | null;
}

export interface NetworkGrid {
  width: number;
  height: number;
  /** Neurons per layer from the inputs: [2, 4, 2, 1]. */
  layers: number[];
  /**
   * Every neuron's output over the grid, neuron after neuron from the inputs
   * (x and y themselves, or the features) to the outputs; each a width x height image row by
   * row from y0: values[(k * height + j) * width + i] is neuron k at
   * x = x0 + (x1 - x0) i / (width - 1), y = y0 + (y1 - y0) j / (height - 1).
   */
  values: Float64Array;
}

export type DatasetKind = 'circle' | 'xor' | 'gauss' | 'spiral' | 'plane' | 'reg_gauss';

export interface DatasetSpec {
  kind: DatasetKind;
  /** 1 … 1000 (default 500). */
  points?: Num;
  /** 0 … 50, as TensorFlow Playground's percent (default 0). */
  noise?: Num;
  seed?: Num;
  /** gauss and spiral: 2 … 8, one blob or arm a class (default 2). */
  classes?: Num;
  /** The share of points for training, 0 … 1 (default 0.5). */
  train_ratio?: Num;
  /** The split's seed (default the seed). */
  split_seed?: Num;
  /** A pasted CSV (rows of x, y, label): its points replace the generated ones; its errors name the line. */
  csv?: string;
  /** The student's edits (core/data/points.hpp): "own", d<i> removed, m<i>,x,y moved, x,y,label added, joined by "/". */
  edits?: string;
}

/** The edits as the core read them: generated points removed, moved ([i, x, y, …]), points added ([x, y, label, …]). */
export interface PointEdits {
  own: boolean;
  removed: Float64Array;
  moved: Float64Array;
  added: Float64Array;
}

/** The playground's training as a PyTorch script: its points, features and targets, and epochs from `seed`. */
export interface PlaygroundExportSpec {
  network: Config;
  optimizer?: OptimizerSpec;
  points: Pick<Dataset, 'x' | 'y' | 'label' | 'train' | 'test'>;
  features: string[];
  targets: 'sign' | 'binary' | 'one_hot' | 'value';
  classes?: number;
  epochs: Num;
  batch_size?: Num;
  seed?: number;
  l1?: Num;
  l2?: Num;
}

/** What a weights file restores. */
export interface OpenedWeights {
  features: string[];
  hidden: number[];
  activations: string[];
  output: 'tanh' | 'sigmoid' | 'softmax' | 'linear';
  epoch: number;
  network: Config;
}

export interface Dataset {
  x: Float64Array;
  y: Float64Array;
  /** The class 0 … classes − 1 (two classes: 1 is Playground's +1), or the regression's value. */
  label: Float64Array;
  /** The training points' indices, ascending. */
  train: Float64Array;
  /** The test points' indices, ascending. */
  test: Float64Array;
  regression: boolean;
  /** 0 for regression. */
  classes: number;
  /** With csv or edits: each point's generated index, or −(k + 1) for added point k. */
  origin?: Float64Array;
  /** With csv or edits: the edits as read. */
  edits?: PointEdits;
}

export interface PlaygroundExamplesSpec {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  label: ArrayLike<number>;
  /** The points taken, in order (default all). */
  indices?: ArrayLike<number> | null;
  /** features()'s names (default ['x', 'y']). */
  features?: string[];
  /** sign: class 1 → 1, class 0 → −1; binary: 0 / 1; one_hot: a row of `classes`; value (default): the label. */
  targets?: 'sign' | 'binary' | 'one_hot' | 'value';
  classes?: Num;
}

export interface DatasetInfo {
  name: DatasetKind;
  regression: boolean;
  /** 0 for regression. */
  max_classes: number;
}

export interface FeatureInfo {
  name: string;
  /** LaTeX in x and y. */
  tex: string;
}

/** An error thrown by the core: its code and field name the message in the catalog. */
export interface CoreError extends Error {
  code: string;
  field: string;
  params: Record<string, string>;
}

/**
 * A result the core returned is not a finite number (numbers the core
 * accepts can still overflow when multiplied): an error in the core's shape,
 * so the page shows it as it shows the core's, and keeps the last result.
 */
export function overflowError(field: string, what: string): CoreError {
  return Object.assign(new Error(`${field}: ${what} overflows`), { code: 'overflow', field, params: { what } });
}

export function isCoreError(e: unknown): e is CoreError {
  return e instanceof Error && typeof (e as Partial<CoreError>).code === 'string';
}
