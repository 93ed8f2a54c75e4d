// Whether the reader's system asks for reduced motion: no autoplay, no animation.
export function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
