import type { Article, Sentence } from '../../corpus/types.js';
import type { Person } from '../types.js';
import {
  canonicalName,
  type Cluster,
  isSurnameOf,
  type Mention,
  mergeClusters,
  nameKey,
  nearestCluster,
  sameFullName,
} from './clusters.js';
import { citationsFor, distinctRoles, summarise } from './describe.js';
import { findNameCandidates, type NameCandidate } from './nameRuns.js';
import { articleWords } from './articleWords.js';
import { INSTITUTION_WORDS } from './lexicon.js';
import { foldText, isAcronym } from './words.js';

/** Evidence that a run of capitalised words names a person rather than a company or a place. */
function isPersonEvidence(candidate: NameCandidate): boolean {
  if (candidate.notPerson) return false;
  // Companies "say" things too, so speech counts only when compromise also reads the words as a person's name.
  return candidate.titled || candidate.knownGivenName || (candidate.speaks && candidate.taggedPerson);
}

/**
 * The people in an author field: "By Jane Doe and John Roe" is two; a byline that names a desk or a wire
 * ("Reuters Staff", "AP") is nobody.
 */
function authorNames(field: string | undefined): string[] {
  if (!field) return [];
  return field
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => {
      const words = name.split(/\s+/);
      const institutional = words.some(
        (word) => INSTITUTION_WORDS.has(word.toLowerCase()) || isAcronym(word),
      );
      return (
        words.length >= 2 && !institutional && !/\b(?:staff|desk|editors?|reporters?|wires?)\b/i.test(name)
      );
    });
}

interface ArticleReading {
  clusters: Cluster[];
  /** One-word mentions ("Castillo") with no full name in their own article to belong to. */
  unattached: Mention[];
}

function readArticle(article: Article, firstOrder: number): ArticleReading {
  const { sentences, words } = articleWords(article);
  const mentions: Mention[] = findNameCandidates(article.text, words).map((candidate, index) => ({
    article,
    sentence: sentences[words[candidate.first]?.sentence ?? 0] as Sentence,
    candidate,
    order: firstOrder + index,
  }));

  // Full names are grouped by their written words; a group is a person when any of its mentions shows it.
  const groups = new Map<string, Mention[]>();
  for (const mention of mentions) {
    if (mention.candidate.nameWords < 2) continue;
    const key = nameKey(mention.candidate.name).join(' ');
    groups.set(key, [...(groups.get(key) ?? []), mention]);
  }
  const accepted = [...groups.entries()]
    .filter(([, group]) => group.some((mention) => isPersonEvidence(mention.candidate)))
    .map(([key, group]): Cluster => ({
      key: key.split(' '),
      mentions: group,
      extraRoles: [],
      extraForms: [],
    }));
  const clusters = mergeClusters(accepted);

  for (const author of authorNames(article.metadata.author)) {
    const key = nameKey(author);
    const own = clusters.find((cluster) => sameFullName(cluster.key, key));
    if (own) {
      own.extraRoles.push('author');
      own.extraForms.push(author);
    } else {
      clusters.push({ key, mentions: [], extraRoles: ['author'], extraForms: [author] });
    }
  }

  const unattached: Mention[] = [];
  for (const mention of mentions) {
    if (mention.candidate.nameWords !== 1 || mention.candidate.notPerson) continue;
    const key = nameKey(mention.candidate.name);
    const fitting = clusters.filter((cluster) => isSurnameOf(key, cluster.key));
    const cluster = fitting.length > 1 ? nearestCluster(fitting, mention) : fitting[0];
    if (cluster) cluster.mentions.push(mention);
    else unattached.push(mention);
  }
  return { clusters, unattached };
}

/**
 * A one-word name that no full name claims stands alone only when a title or honorific right before it says it
 * is a person ("Deputy Defense Secretary Wolfowitz", "Mr MacFarlane").
 */
function standsAlone({ candidate }: Mention): boolean {
  return candidate.titledBefore && !candidate.notPerson;
}

function toPerson(cluster: Cluster): Person {
  const mentions = [...cluster.mentions].sort((left, right) => left.order - right.order);
  const name = canonicalName(cluster);
  const aliases: string[] = [];
  const seen = new Set([foldText(name)]);
  for (const form of [...cluster.extraForms, ...mentions.map((mention) => mention.candidate.name)]) {
    const key = foldText(form);
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push(form);
  }
  const roles = distinctRoles([
    ...mentions.flatMap((mention) => mention.candidate.roles),
    ...cluster.extraRoles,
  ]);
  return {
    name,
    aliases,
    roles,
    summary: summarise(name, roles, mentions),
    citations: citationsFor(mentions),
  };
}

/**
 * Every person the articles name, with the roles the text gives them and the other names it uses for them,
 * most-mentioned first. compromise tags the words; titles, appositives and predicates ("X is a writer") are
 * read on top, and runs that look like organisations or places are left out.
 */
export function extractPeople(articles: readonly Article[]): Person[] {
  const perArticle: Cluster[] = [];
  const unattached: Mention[] = [];
  let order = 0;
  for (const article of articles) {
    const reading = readArticle(article, order);
    order += 100_000;
    perArticle.push(...reading.clusters);
    unattached.push(...reading.unattached);
  }
  const clusters = mergeClusters(perArticle);
  const alone = new Map<string, Cluster>();
  for (const mention of unattached) {
    const key = nameKey(mention.candidate.name);
    const fitting = clusters.filter((cluster) => isSurnameOf(key, cluster.key));
    // A surname from another article joins the one full name it fits, if the text reads it as a person there.
    if (fitting.length === 1 && (mention.candidate.taggedPerson || standsAlone(mention))) {
      fitting[0]?.mentions.push(mention);
      continue;
    }
    if (fitting.length > 0 || !standsAlone(mention)) continue;
    const joined = key.join(' ');
    const cluster = alone.get(joined) ?? { key, mentions: [], extraRoles: [], extraForms: [] };
    cluster.mentions.push(mention);
    alone.set(joined, cluster);
  }
  // A lone surname that a title introduced also collects its untitled mentions.
  for (const mention of unattached) {
    const cluster = alone.get(nameKey(mention.candidate.name).join(' '));
    if (cluster && !cluster.mentions.includes(mention)) cluster.mentions.push(mention);
  }
  const all = [...clusters, ...alone.values()].filter(
    (cluster) => cluster.mentions.length > 0 || cluster.extraForms.length > 0,
  );
  const firstOrder = (cluster: Cluster): number =>
    Math.min(...cluster.mentions.map((mention) => mention.order));
  all.sort(
    (left, right) => right.mentions.length - left.mentions.length || firstOrder(left) - firstOrder(right),
  );
  return all.map(toPerson);
}
