// Numbers as the page prints them. Formatting only: the values come from the core.

/** The shortest text that reads back as exactly x. */
export function exact(x: number): string {
  return String(x);
}

/** x with 17 significant digits, for data-value attributes. */
export function digits17(x: number): string {
  return x.toPrecision(17);
}

/** x with a few significant digits, for labels. */
export function short(x: number, digits = 4): string {
  if (x === 0) return '0';
  const text = Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1);
  return text.replace('-', '−');
}
