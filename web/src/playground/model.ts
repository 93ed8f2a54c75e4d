// The playground's setup as the student sets it, and what it asks the core
// for: the data set, the examples made of its points, a fresh network, one
// epoch, and every neuron over the plane. Nothing here computes: each
// number comes from the core.
import type { BackpropCore, Config, Dataset, DatasetKind, DatasetSpec, EpochResult, Examples, NetworkGrid, OptimizerSpec, TrainingState } from '../shared/core-types';
import type { OptimizerKind } from '../optimizers/racers';

/** TensorFlow Playground's plane: x and y from −6 to 6. */
export const DOMAIN: [number, number, number, number] = [-6, 6, -6, 6];
/** The grid the heat map and the thumbnails are drawn from, points a side. */
export const GRID = 100;
/** A large network's grid (more than LARGE neurons): every neuron's image costs a frame its time. */
export const GRID_LARGE = 60;
const LARGE = 20;
export const POINTS = 500;
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 8;

/** The output and loss of a two-class task: tanh and ½SE as TensorFlow Playground, or sigmoid and BCE. */
export type TwoClassOutput = 'tanh' | 'sigmoid';

export interface Setup {
  kind: DatasetKind;
  /** Playground's percent, 0 … 50. */
  noise: number;
  /** The training share, in percent (10 … 90). */
  ratio: number;
  seed: number;
  /** Gaussians and spiral: 2 … 8. */
  classes: number;
  features: string[];
  hidden: number[];
  /** One a hidden layer. */
  activations: string[];
  output: TwoClassOutput;
  optimizer: OptimizerKind;
  lr: string;
  batch: string;
  l1: string;
  l2: string;
}

export const DEFAULT_SETUP: Setup = {
  kind: 'circle',
  noise: 0,
  ratio: 50,
  seed: 1,
  classes: 2,
  features: ['x', 'y'],
  hidden: [4, 2],
  activations: ['tanh', 'tanh'],
  output: 'tanh',
  optimizer: 'sgd',
  lr: '0.03',
  batch: '10',
  l1: '0',
  l2: '0',
};

export function copySetup(s: Setup): Setup {
  return { ...s, features: [...s.features], hidden: [...s.hidden], activations: [...s.activations] };
}

/** What the task is, from the data set: the output layer, the loss and the targets' form follow. */
export interface Task {
  regression: boolean;
  classes: number;
  outputs: number;
  activation: string;
  loss: string;
  targets: 'sign' | 'binary' | 'one_hot' | 'value';
}

export function task(setup: Setup, regression: boolean, classes: number): Task {
  if (regression) return { regression, classes: 0, outputs: 1, activation: 'linear', loss: 'mse', targets: 'value' };
  if (classes > 2) return { regression, classes, outputs: classes, activation: 'softmax', loss: 'ce', targets: 'one_hot' };
  return setup.output === 'sigmoid'
    ? { regression, classes: 2, outputs: 1, activation: 'sigmoid', loss: 'bce', targets: 'binary' }
    : { regression, classes: 2, outputs: 1, activation: 'tanh', loss: 'half_sse', targets: 'sign' };
}

export function hasClasses(kind: DatasetKind): boolean {
  return kind === 'gauss' || kind === 'spiral';
}

/** What the core makes the data set from: the setup's generator and split. */
export function datasetSpec(setup: Setup): DatasetSpec {
  return {
    kind: setup.kind,
    points: POINTS,
    noise: setup.noise,
    seed: setup.seed,
    train_ratio: setup.ratio / 100,
    ...(hasClasses(setup.kind) ? { classes: setup.classes } : {}),
  };
}

/** The data set the core makes from the setup, with the student's edits of its points (points.ts). */
export function makeDataset(core: BackpropCore, setup: Setup, edits = ''): Dataset {
  return core.dataset({ ...datasetSpec(setup), ...(edits ? { edits } : {}) });
}

export interface Examples2 {
  train: Examples;
  test: Examples | null;
}

/** The training and test points as the network's examples: the features chosen, the targets as the loss wants them. */
export function makeExamples(core: BackpropCore, data: Dataset, setup: Setup, t: Task): Examples2 {
  const side = (indices: Float64Array) =>
    core.playgroundExamples({ x: data.x, y: data.y, label: data.label, indices, features: setup.features, targets: t.targets, ...(t.targets === 'one_hot' ? { classes: t.classes } : {}) });
  return { train: side(data.train), test: data.test.length ? side(data.test) : null };
}

/** A fresh network for the setup, its weights drawn by the core from the seed. */
export function makeNetwork(core: BackpropCore, setup: Setup, t: Task): Config {
  return core.newNetwork({
    layers: [setup.features.length, ...setup.hidden, t.outputs],
    activations: [...setup.activations, t.activation],
    loss: t.loss,
    seed: setup.seed,
  });
}

export interface Frame {
  epoch: EpochResult;
  grid: NetworkGrid | null;
  /** How long the core took for each, in ms (the page's own clock). */
  epochMs: number;
  gridMs: number;
}

/** One frame: an epoch (its shuffle seeded by the epoch's number, from 1), then every neuron over the plane. */
export function frame(
  core: BackpropCore,
  setup: Setup,
  network: Config,
  state: TrainingState | null,
  examples: Examples2,
  epoch: number,
  optimizer: OptimizerSpec,
  before = false,
  part?: Part,
): Frame {
  const start = performance.now();
  const r = trainEpoch(core, setup, network, state, examples, epoch, optimizer, before, part);
  const trained = performance.now();
  const g = grid(core, setup, r.network);
  return { epoch: r, grid: g, epochMs: trained - start, gridMs: performance.now() - trained };
}

/** Part of an epoch: its batches from `first` (from 0), `batches` of them (all that are left when absent). */
export interface Part {
  first: number;
  batches?: number;
}

/**
 * Epoch `epoch` (from 1): the same epoch whenever it is run from the same
 * network and state. With `before`, the losses before its first update too;
 * with `part`, only those batches (an epoch run part by part gives the same bits).
 */
export function trainEpoch(
  core: BackpropCore,
  setup: Setup,
  network: Config,
  state: TrainingState | null,
  examples: Examples2,
  epoch: number,
  optimizer: OptimizerSpec,
  before = false,
  part?: Part,
): EpochResult {
  return core.trainingEpoch({
    network,
    optimizer,
    data: examples.train,
    test: examples.test,
    batch_size: setup.batch,
    seed: epoch,
    losses: true,
    ...(before ? { losses_before: true } : {}),
    ...(part ? { first_batch: part.first, ...(part.batches ? { batches: part.batches } : {}) } : {}),
    state,
    l1: setup.l1,
    l2: setup.l2,
  });
}

/** Every neuron over the plane, the features (the network's inputs) first. */
export function grid(core: BackpropCore, setup: Setup, network: Config): NetworkGrid {
  const neurons = network.layers.reduce<number>((sum, n) => sum + Number(n), 0);
  const size = neurons > LARGE ? GRID_LARGE : GRID;
  return core.networkGrid({ network, domain: DOMAIN, width: size, height: size, features: setup.features });
}

/** Losses over the training and the test set (null: no test set, or not a finite number). */
export interface Losses {
  E_train: number | null;
  E_test: number | null;
}

/**
 * The network's losses as it stands, before any update: the core's
 * losses_before of an epoch's first mini-batch, whose update is thrown away.
 * The untrained network's at epoch 0, or an opened file's.
 */
export function lossesOf(core: BackpropCore, network: Config, examples: Examples2): Losses {
  const r = core.trainingEpoch({
    network,
    optimizer: { kind: 'sgd', lr: 0.01 },
    data: examples.train,
    test: examples.test,
    batch_size: 1,
    first_batch: 0,
    batches: 1,
    losses_before: true,
  });
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return { E_train: finite(r.E_train_before), E_test: finite(r.E_test_before) };
}
