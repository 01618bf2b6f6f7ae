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
    return { fields: {}, bodyStart: 0 };
  }
  if (fields === null || fields === undefined) return { fields: {}, bodyStart: match[0].length };
  if (typeof fields !== 'object' || Array.isArray(fields)) return { fields: {}, bodyStart: 0 };
  return { fields: fields as Record<string, unknown>, bodyStart: match[0].length };
}
