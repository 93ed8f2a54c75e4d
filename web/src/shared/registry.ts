// The widgets: their element names, pages, classroom flags, and where
// their code is (loaded when first used).
import { formatHash } from './hash';
import type { State, WidgetDef, WidgetId } from './widget';

export const widgets: WidgetDef[] = [
  {
    id: 'stepper',
    tag: 'backprop-stepper',
    page: 'index.html',
    title: 'nav.stepper',
    parts: ['intro', 'editor', 'controls', 'jump', 'autoplay', 'chain', 'history', 'trace', 'about'],
    locks: ['editor'],
    embedHeight: 1000,
    load: () => import('../stepper/widget'),
  },
  {
    id: 'losses',
    tag: 'loss-explorer',
    page: 'losses.html',
    title: 'nav.losses',
    parts: ['intro', 'picker', 'info', 'curves', 'demo'],
    locks: ['picker', 'curves', 'demo'],
    embedHeight: 1500,
    load: () => import('../losses/widget'),
  },
  {
    id: 'optimizers',
    tag: 'optimizer-race',
    page: 'optimizers.html',
    title: 'nav.optimizers',
    parts: ['intro', 'picker', 'trouble', 'custom', 'racers', 'detail', 'settings'],
    locks: ['surface', 'start', 'settings'],
    embedHeight: 1000,
    load: () => import('../optimizers/widget'),
  },
  {
    id: 'training',
    tag: 'training-loop',
    page: 'training.html',
    title: 'nav.training',
    parts: ['intro', 'setup', 'phases', 'run', 'check', 'export'],
    locks: ['setup'],
    embedHeight: 1100,
    load: () => import('../training/widget'),
  },
  {
    id: 'playground',
    tag: 'nn-playground',
    page: 'playground.html',
    title: 'nav.playground',
    parts: ['intro', 'controls', 'training', 'data', 'network', 'plane', 'curves'],
    locks: ['training', 'data', 'network'],
    embedHeight: 1400,
    load: () => import('../playground/widget'),
  },
];

export function widgetDef(id: WidgetId): WidgetDef {
  return widgets.find((w) => w.id === id)!;
}

// Where links between widgets go: the site's pages by default; the
// one-file copy and pages elsewhere set their own.
let linker = (id: WidgetId, state: State): string => `./${widgetDef(id).page}${formatHash(state)}`;

export function setLinker(fn: (id: WidgetId, state: State) => string): void {
  linker = fn;
}

export function widgetHref(id: WidgetId, state: State): string {
  return linker(id, state);
}
