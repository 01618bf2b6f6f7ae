import type { Quote } from '../types.js';
import type { Mention } from './clusters.js';
import { foldText } from './words.js';

/** Words that change who a title belongs to, so "then-Vice President" does not absorb "President". */
const DISTINCT_PREFIX = /\b(?:vice|deputy|assistant|under|co|ex|then|acting|associate)\b/;

/**
 * Removes repeated roles: case and accents aside ("Interim President" / "interim president"), and a role that a
 * longer one only qualifies ("Foreign Minister" inside "Peruvian Foreign Minister").
 */
export function distinctRoles(roles: readonly string[]): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const role of roles) {
    const key = foldText(role);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    kept.push(role);
  }
  return kept.filter((role) => {
    const key = foldText(role);
    return !kept.some((other) => {
      const longer = foldText(other);
      if (longer === key || !longer.endsWith(` ${key}`)) return false;
      return !DISTINCT_PREFIX.test(longer.slice(0, -key.length));
    });
  });
}

/**
 * Two or three sentences about the person, verbatim: first those that say who they are (a role was read
 * there), then the earliest other mentions.
 */
export function citationsFor(mentions: readonly Mention[], limit = 3): Quote[] {
  const ordered = [
    ...mentions.filter((mention) => mention.candidate.roles.length > 0),
    ...mentions.filter((mention) => mention.candidate.roles.length === 0),
  ];
  const quotes: Quote[] = [];
  const seen = new Set<string>();
  for (const { article, sentence } of ordered) {
    const key = `${article.id}:${sentence.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    quotes.push({ article: article.id, paragraph: sentence.paragraph, text: sentence.text });
    if (quotes.length >= limit) break;
  }
  return quotes;
}

/** One line: the name, up to three roles, and how often the articles name the person. */
export function summarise(name: string, roles: readonly string[], mentions: readonly Mention[]): string {
  const sentences = new Set(mentions.map((mention) => `${mention.article.id}:${mention.sentence.start}`))
    .size;
  const articles = new Set(mentions.map((mention) => mention.article.id)).size;
  const described = roles.length > 0 ? `${name} — ${roles.slice(0, 3).join('; ')}` : name;
  if (sentences === 0) return described;
  const where = `named in ${sentences} sentence${sentences === 1 ? '' : 's'}${articles > 1 ? ` of ${articles} articles` : ''}`;
  return `${described} (${where})`;
}
