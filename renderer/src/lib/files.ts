// Files the person carries on a USB stick: saved from the page as a download, opened with a file
// input and read here in the page. Nothing touches the file system directly.
import { t } from '../i18n/index.js';

/** Offers `content` as a text file download (Electron shows its save dialog). */
export function saveTextFile(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a small text file; a large or binary one is refused with a message a person can act on. */
export async function readTextFile(file: File, maxBytes = 16 * 1024): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(t('offline.files.tooLarge', { name: file.name, size: Math.round(file.size / 1024), max: Math.round(maxBytes / 1024) }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new Error(t('offline.files.notText', { name: file.name }));
  }
}

/** An SVG made in main (QR codes) as an image URL: no markup is ever inserted into the page. */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
