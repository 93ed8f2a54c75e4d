// The message catalog's parts (vite.config.ts, catalogParts).
declare module 'virtual:catalog/*' {
  const catalog: Record<string, string>;
  export default catalog;
  /** In the stepper's part: the keys it leaves out. */
  export const elsewhere: RegExp | undefined;
}
