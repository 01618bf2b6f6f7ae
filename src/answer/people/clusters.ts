import type { Article, Sentence } from '../../corpus/types.js';
import { NAME_PARTICLES } from './lexicon.js';
import type { NameCandidate } from './nameRuns.js';
import { foldText, isInitial } from './words.js';

/** One place an article names a person. */
export interface Mention {
  article: Article;
  sentence: Sentence;
  candidate: NameCandidate;
  /** Position in the corpus: article order, then word order, so "first mention" is well defined. */
  order: number;
}

/** The mentions believed to name one person. */
export interface Cluster {
  /** Folded name words of the longest full name seen, used to merge clusters. */
  key: string[];
  mentions: Mention[];
  /** Roles from outside the text, such as "author" from the article's metadata. */
  extraRoles: string[];
  /** Names from outside the text (the author field), counted as written forms. */
  extraForms: string[];
}

export function nameKey(name: string): string[] {
  return foldText(name)
    .split(' ')
    .filter(
      (part) => part.length > 0 && !isInitial(part.toUpperCase()) && !/^(?:jr|sr|ii|iii|iv)\.?$/.test(part),
    );
}

function isContiguousEdge(shorter: readonly string[], longer: readonly string[]): boolean {
  if (shorter.length > longer.length) return false;
  const prefix = shorter.every((part, index) => longer[index] === part);
  const offset = longer.length - shorter.length;
  const suffix = shorter.every((part, index) => longer[offset + index] === part);
  return prefix || suffix;
}

/**
 * Whether two full names denote one person: one is the start or end of the other ("Betssy Chávez" /
 * "Betssy Chávez Chino", "López Obrador" / "Andrés Manuel López Obrador"), or they share the surname and one
 * given name shortens the other ("Tim Cook" / "Timothy D. Cook").
 */
export function sameFullName(left: readonly string[], right: readonly string[]): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length < 2) return false;
  if (isContiguousEdge(shorter, longer)) return true;
  const [shortFirst, longFirst] = [shorter[0] ?? '', longer[0] ?? ''];
  return (
    shorter.at(-1) === longer.at(-1) &&
    shortFirst.length >= 3 &&
    (longFirst.startsWith(shortFirst) || shortFirst.startsWith(longFirst))
  );
}

/** Whether a one-word mention ("Chávez", "de Zela") can be the surname of a full name. */
export function isSurnameOf(surname: readonly string[], full: readonly string[]): boolean {
  const parts = surname.filter((part) => !NAME_PARTICLES.has(part));
  if (parts.length !== 1 || full.length < 2) return false;
  const index = full.lastIndexOf(parts[0] ?? '');
  // The surname is any name word after the first: "Chávez" in "Betssy Chávez Chino", "López" in "… López Obrador".
  return index >= 1;
}

/** Merges clusters whose full names denote one person, keeping the longest name as the key. */
export function mergeClusters(clusters: readonly Cluster[]): Cluster[] {
  const merged: Cluster[] = [];
  for (const cluster of clusters) {
    const same = merged.find((other) => sameFullName(other.key, cluster.key));
    if (!same) {
      merged.push({ ...cluster, mentions: [...cluster.mentions] });
      continue;
    }
    same.mentions.push(...cluster.mentions);
    same.extraRoles.push(...cluster.extraRoles);
    same.extraForms.push(...cluster.extraForms);
    if (cluster.key.length > same.key.length) same.key = cluster.key;
  }
  return merged;
}

/** Picks, among several clusters a surname fits, the one named most recently before the mention. */
export function nearestCluster(clusters: readonly Cluster[], mention: Mention): Cluster | undefined {
  let best: Cluster | undefined;
  let bestOrder = -Infinity;
  for (const cluster of clusters) {
    for (const other of cluster.mentions) {
      if (other.order < mention.order && other.order > bestOrder) {
        best = cluster;
        bestOrder = other.order;
      }
    }
  }
  return best ?? clusters[0];
}

/** The written form used most often among full names (two or more name words), earliest on a tie. */
export function canonicalName(cluster: Cluster): string {
  const counts = new Map<string, { count: number; order: number }>();
  const count = (form: string, order: number): void => {
    const entry = counts.get(form);
    if (entry) entry.count++;
    else counts.set(form, { count: 1, order });
  };
  cluster.extraForms.forEach((form) => count(form, -1));
  for (const mention of cluster.mentions) {
    if (mention.candidate.nameWords >= 2) count(mention.candidate.name, mention.order);
  }
  if (counts.size === 0) cluster.mentions.forEach((mention) => count(mention.candidate.name, mention.order));
  const ranked = [...counts.entries()].sort(
    ([, left], [, right]) => right.count - left.count || left.order - right.order,
  );
  return ranked[0]?.[0] ?? '';
}
