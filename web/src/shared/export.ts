// Files handed to the reader: a download, text escaped for SVG, a canvas or
// an SVG document turned into a PNG. The playground's export and the export
// of a widget's current step both use them.
import { h } from './dom';

/** Hands a blob to the reader as a download named `name`. */
export function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Text (or an attribute's value) as SVG and XHTML can hold it. */
export const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A canvas as a PNG. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}

/** A data: address of the text (img-src allows data:, not blob:, under the site's policy). */
function dataUrl(text: string, type: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

/** A bytes' base64 (fonts embedded in an SVG). */
export function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An SVG document of width × height CSS px, painted at `scale` device px a CSS px, as a PNG. */
export async function svgPng(svg: string, width: number, height: number, scale: number, background: string): Promise<Blob> {
  const image = new Image();
  image.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be drawn'));
  });
  image.src = dataUrl(svg, 'image/svg+xml');
  await loaded;
  const canvas = h('canvas', { width: Math.round(width * scale), height: Math.round(height * scale) });
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvasPng(canvas);
}
