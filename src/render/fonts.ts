import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { projectFile } from '../program.js';

/**
 * The fonts the pictures are drawn with, shipped in assets/fonts so every machine draws the same glyphs, and
 * the text widths the layout needs to fit labels before the renderer sees them.
 */

export const FONT_FAMILY = 'Inter';

export const FONT_FILES = {
  regular: projectFile('assets/fonts/Inter-Regular.otf'),
  semibold: projectFile('assets/fonts/Inter-SemiBold.otf'),
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

/** Glyph outlines in font units (y down, origin on the baseline), by weight and character. */
const outlines = new Map<string, string>();

function outline(character: string, weight: FontWeight): string {
  const key = `${weight}${character}`;
  let path = outlines.get(key);
  if (path === undefined) {
    const { font } = metrics(weight);
    path = font.charToGlyph(character).getPath(0, 0, font.unitsPerEm).toPathData(0);
    outlines.set(key, path);
  }
  return path;
}

/**
 * `text` as SVG paths, one per glyph, its baseline starting at (`x`, `y`) or ending there (`anchor: 'end'`).
 * Drawing the outlines here rather than handing resvg a `<text>` halves the time a picture takes (resvg would
 * shape and outline every glyph on every render; these are outlined once per character) and places each glyph
 * exactly where `textWidth` measured it. Glyphs follow one another by advance width: right for the Latin,
 * Greek and Cyrillic text the bundled fonts cover, which needs no shaping.
 */
export function textOutlines(
  text: string,
  x: number,
  y: number,
  size: number,
  weight: FontWeight = 'regular',
  anchor: 'start' | 'end' = 'start',
): string {
  const { font } = metrics(weight);
  const scale = size / font.unitsPerEm;
  let pen = anchor === 'end' ? x - textWidth(text, size, weight) : x;
  const glyphs: string[] = [];
  for (const character of text) {
    const path = outline(character, weight);
    if (path !== '') {
      glyphs.push(
        `<path transform="translate(${pen.toFixed(2)} ${y.toFixed(2)}) scale(${scale.toFixed(6)})" d="${path}"/>`,
      );
    }
    pen += characterWidth(character, size, weight);
  }
  return glyphs.join('');
}
