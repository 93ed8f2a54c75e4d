// The stepper's state: the network's numbers, the trace the core made of
// them, where the student is in it, and the iterations run so far. Every
// number comes from the core; this file only keeps and routes them.
import type { BackpropCore, Config, CoreError, Term, StopReason, Trace } from '../shared/core-types';
import { isCoreError, overflowError } from '../shared/core-types';

export type Listener = () => void;

/** A number the student can edit. */
export interface Field {
  id: string; // the core's name for it: w5, b1, i1, target_o1, learning_rate
  path: (string | number)[];
  value: number;
}

/** The value at path inside config. */
export function atPath(config: Config, path: (string | number)[]): unknown {
  let at: unknown = config;
  for (const key of path) at = (at as Record<string | number, unknown>)[key];
  return at;
}

/** Sets value at path (["weights", 1, 0, 0]) inside a copy of config. */
export function withPath(config: Config, path: (string | number)[], value: unknown): Config {
  const copy = structuredClone(config) as unknown as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy as unknown as Config;
}

export class StepperModel {
  /** The iteration's starting numbers, as the core validated them. */
  config: Config;
  trace: Trace;
  position = 0;
  /** Updates done since the start. */
  iteration = 0;
  /** E_total before each update so far, and now. */
  history: number[];
  /** Where "Back to iteration 0" returns. */
  start: Config;
  /** Where the last run stopped by the core's rule (core/train/stop.hpp): the iteration of the first update that was not finite, and why. */
  divergedAt: number | null = null;
  stopReason: StopReason | null = null;
  private listeners = new Set<Listener>();
  /** The config it was made with, while nothing has changed its trace since: resetting to it need not trace again. */
  private fresh: Config | null;

  constructor(
    private core: BackpropCore,
    config: Config,
  ) {
    this.trace = core.trace(config, {});
    this.config = this.trace.config;
    this.start = this.config;
    this.history = [this.trace.E_total];
    this.fresh = config;
  }

  onChange(listener: Listener): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  get term(): Term {
    return this.trace.terms[this.position];
  }

  get count(): number {
    return this.trace.terms.length;
  }

  goto(index: number): void {
    const clamped = Math.max(0, Math.min(this.count - 1, index));
    if (clamped === this.position) return;
    this.position = clamped;
    this.changed();
  }

  next(): void {
    this.goto(this.position + 1);
  }

  back(): void {
    this.goto(this.position - 1);
  }

  /** Moves to the term with this id; false when there is none. */
  gotoTerm(id: string): boolean {
    const index = this.trace.terms.findIndex((term) => term.id === id);
    if (index < 0) return false;
    this.goto(index);
    return true;
  }

  /** Moves to the first term a parameter's chain introduces. */
  gotoParam(param: string): void {
    const index = this.trace.terms.findIndex((term) => term.param === param);
    if (index >= 0) this.goto(index);
  }

  /** The editable numbers, grouped as the editor shows them, with their values now. */
  fieldGroups(): { title: string; fields: Field[] }[] {
    const drawing = this.trace.network;
    const inputs = drawing.layers[0].nodes.map((n) => ({ id: n.id, path: n.path!, value: n.out }));
    return [
      { title: 'stepper.inputs', fields: inputs },
      { title: 'stepper.targets', fields: drawing.targets.map((x) => ({ id: x.id, path: x.path, value: x.value })) },
      { title: 'stepper.weights', fields: drawing.weights.map((w) => ({ id: w.id, path: w.path, value: w.value })) },
      { title: 'stepper.biases', fields: drawing.biases.map((b) => ({ id: b.id, path: b.path, value: b.value })) },
      { title: 'stepper.learning_rate', fields: [{ id: 'learning_rate', path: ['learning_rate'], value: Number(this.config.learning_rate) }] },
    ];
  }

  /** The ids of a parameter's chain, in order. */
  chain(param: string): string[] {
    const places = this.trace.chains.find((c) => c.param === param)?.terms ?? [];
    return Array.from(places, (place) => this.trace.terms[place].id);
  }

  /**
   * Recomputes with a new config; keeps the current term where it still
   * exists. A trace in which a value overflows is refused (an overflow
   * error naming the first such term), and nothing changes.
   */
  private apply(config: Config, restart: boolean, field = ''): void {
    const id = this.term?.id;
    const trace = this.core.trace(config, {});
    this.fresh = null;
    const overflowed = [...trace.terms.map((term) => [term.id, term.value] as const), ['E_total', trace.E_total] as const, ['E_total+', trace.E_total_next] as const].find(
      ([, value]) => !Number.isFinite(value),
    );
    if (overflowed) throw overflowError(field, overflowed[0]);
    this.trace = trace;
    this.config = this.trace.config;
    if (restart) {
      this.start = this.config;
      this.iteration = 0;
      this.history = [this.trace.E_total];
      this.divergedAt = null;
      this.stopReason = null;
      this.stopped = null;
    }
    const index = this.trace.terms.findIndex((term) => term.id === id);
    this.position = index >= 0 ? index : Math.min(this.position, this.count - 1);
    this.changed();
  }

  /**
   * Tries the text typed for the value at path. On success the trace is
   * recomputed from the new numbers (as a new starting point); on failure
   * nothing changes and the core's error is returned.
   */
  edit(path: (string | number)[], text: string): CoreError | null {
    const field = this.fieldGroups().flatMap((g) => g.fields).find((f) => f.path.join() === path.join())?.id ?? '';
    return this.attempt(() => this.apply(withPath(this.config, path, text), true, field));
  }

  setBiasTraining(on: boolean): CoreError | null {
    return this.attempt(() => this.apply(this.core.biasMode(this.config, { train_biases: on }), true, 'train_biases'));
  }

  setLoss(loss: Config['loss']): CoreError | null {
    return this.attempt(() => this.apply({ ...this.config, loss }, true, 'loss'));
  }

  /** Why the last update could not be run (its numbers overflow), or null. */
  stopped: CoreError | null = null;

  /** One update: the trace restarts from the updated numbers. */
  nextIteration(): CoreError | null {
    this.stopped = this.attempt(() => {
      const E = this.trace.E_total_next;
      this.apply(this.trace.next, false);
      this.iteration += 1;
      // Appended in place: a copy of a long history on every update adds up.
      this.history.push(E);
      this.position = 0;
      this.changed();
    });
    return this.stopped;
  }

  /** n more updates, run by the core in one call. */
  run(n: number): CoreError | null {
    this.stopped = this.attempt(() => {
      const result = this.core.train(this.config, { iterations: n, history: true });
      const before = this.iteration;
      this.apply(result.final, false);
      this.iteration += result.iterations;
      for (let i = 1; i <= result.iterations; i++) this.history.push(result.E_total[i]);
      this.divergedAt = result.diverged_at === null ? null : before + result.diverged_at;
      this.stopReason = result.stop_reason;
      this.position = 0;
      this.changed();
    });
    return this.stopped;
  }

  restart(): void {
    this.apply(this.start, true);
    this.position = 0;
    this.changed();
  }

  reset(config: Config): void {
    // Already that config's fresh trace: only back to its first term.
    if (config !== this.fresh) this.apply(config, true);
    this.stopped = null;
    this.position = 0;
    this.changed();
  }

  private attempt(action: () => void): CoreError | null {
    try {
      action();
      return null;
    } catch (e) {
      if (isCoreError(e)) return e;
      throw e;
    }
  }
}
