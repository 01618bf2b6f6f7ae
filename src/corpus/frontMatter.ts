import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  fields: Record<string, unknown>;
  /** Where the body starts in the raw text, so body offsets are offsets into the file after the fence. */
  bodyStart: number;
}

/** `---`, the YAML, `---`; the YAML may be empty (`---` on two consecutive lines). */
const FENCE = /^---[ \t]*\r?\n(?:---|([\s\S]*?)\r?\n---)[ \t]*(?:\r?\n|$)/;

/**
 * Splits an optional YAML front matter block (between `---` fences on the first lines) from the body.
 * A file without one, or with a block that is not a YAML mapping, is all body: articles pasted from the web
 * sometimes start with a horizontal rule, and that must not swallow their first paragraph.
 */
export function splitFrontMatter(raw: string): FrontMatter {
  const match = FENCE.exec(raw);
  if (!match) return { fields: {}, bodyStart: 0 };
  let fields: unknown;
  try {
    fields = parseYaml(match[1] ?? '');
  } catch {
    // Hand-written front matter is often YAML in spirit only: `title: "Boeing 787 "Dreamliner'' flies"` has a
    // quote inside quotes. One `key: value` a line is still plainly meant as fields.
    const lenient = keyValueLines(match[1] ?? '');
    return lenient ? { fields: lenient, bodyStart: match[0].length } : { fields: {}, bodyStart: 0 };
  }
  if (fields === null || fields === undefined) return { fields: {}, bodyStart: match[0].length };
  if (typeof fields !== 'object' || Array.isArray(fields)) return { fields: {}, bodyStart: 0 };
  return { fields: fields as Record<string, unknown>, bodyStart: match[0].length };
}

const KEY_VALUE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/;

/**
 * Each non-blank line as `key: value`, a value's one pair of enclosing quotes removed; undefined unless every
 * line has that form.
 */
function keyValueLines(block: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [, key, value = ''] = KEY_VALUE.exec(line) ?? [];
    if (!key) return undefined;
    const trimmed = value.trim();
    fields[key] = /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}
