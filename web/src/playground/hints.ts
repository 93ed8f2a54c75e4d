// A hint for each data set: what separates (or fits) it, and a setup that
// shows it. Each claim is pinned by a test that trains the suggestion in
// the core (tests/e2e/playground.spec.ts).
import type { DatasetKind } from '../shared/core-types';

export interface Suggestion {
  features: string[];
  hidden: number[];
}

/** The setup the hint's "Try it" applies, for the data sets whose hint has one. */
export const SUGGESTIONS: Partial<Record<DatasetKind, Suggestion>> = {
  circle: { features: ['x2', 'y2'], hidden: [] },
  xor: { features: ['xy'], hidden: [] },
  gauss: { features: ['x', 'y'], hidden: [] },
  spiral: { features: ['x', 'y', 'sinx', 'siny'], hidden: [8, 8] },
  plane: { features: ['x', 'y'], hidden: [] },
};

/** Whether the setup already is the suggestion. */
export function follows(s: Suggestion, features: string[], hidden: number[]): boolean {
  return s.features.join() === features.join() && s.hidden.join() === hidden.join();
}
