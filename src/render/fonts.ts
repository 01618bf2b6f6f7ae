import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import opentype from 'opentype.js';

/**
 * The fonts the pictures are drawn with, shipped in assets/fonts so every machine draws the same glyphs, and
 * the text widths the layout needs to fit labels before the renderer sees them.
 */

export const FONT_FAMILY = 'Inter';

export const FONT_FILES = {
  regular: fileURLToPath(new URL('../../assets/fonts/Inter-Regular.otf', import.meta.url)),
  semibold: fileURLToPath(new URL('../../assets/fonts/Inter-SemiBold.otf', import.meta.url)),
} as const;

export type FontWeight = keyof typeof FONT_FILES;

/** Advance widths per character, per em, read once from each font file. */
const advances = new Map<FontWeight, { font: opentype.Font; perCharacter: Map<string, number> }>();

function metrics(weight: FontWeight): { font: opentype.Font; perCharacter: Map<string, number> } {
  let loaded = advances.get(weight);
  if (!loaded) {
    const file = readFileSync(FONT_FILES[weight]);
    const font = opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    loaded = { font, perCharacter: new Map() };
    advances.set(weight, loaded);
  }
  return loaded;
}

/**
 * The width of `text` set at `size` pixels: the sum of its glyphs' advance widths. Kerning is left out (it
 * only ever tightens Inter's Latin pairs a little), so the result errs on the wide side and a label measured to
 * fit does fit. opentype.js's own layout is not used: it stops on contextual substitutions Inter has.
 */
export function textWidth(text: string, size: number, weight: FontWeight = 'regular'): number {
  let width = 0;
  for (const character of text) width += characterWidth(character, size, weight);
  return width;
}

function characterWidth(character: string, size: number, weight: FontWeight): number {
  const { font, perCharacter } = metrics(weight);
  let advance = perCharacter.get(character);
  if (advance === undefined) {
    advance = font.charToGlyph(character).advanceWidth ?? font.unitsPerEm / 2;
    perCharacter.set(character, advance);
  }
  return (advance * size) / font.unitsPerEm;
}

const ELLIPSIS = '…';

/**
 * `text` as it fits in `width` pixels: whole, or cut at the last word that fits and ended with an ellipsis
 * (mid-word only when the words that fit would fill less than half the room).
 */
export function fitText(text: string, width: number, size: number, weight: FontWeight = 'regular'): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (textWidth(clean, size, weight) <= width) return clean;
  const room = width - textWidth(ELLIPSIS, size, weight);
  let used = 0;
  let fitted = '';
  for (const character of clean) {
    used += characterWidth(character, size, weight);
    if (used > room) break;
    fitted += character;
  }
  const lastSpace = fitted.lastIndexOf(' ');
  const cut = lastSpace >= fitted.length / 2 ? fitted.slice(0, lastSpace) : fitted;
  return `${cut.replace(/[\s,;:.—–-]+$/u, '')}${ELLIPSIS}`;
}
