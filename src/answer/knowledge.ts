import type { Article } from '../corpus/types.js';
import type { ArticleEnricher } from '../index/build.js';
import type { PassageIndex } from '../retrieval/passageIndex.js';
import type { TimelineFilter, WhoResult } from '../service.js';
import { closestPeople, extractPeople, findPerson, suggestPeople } from './people/index.js';
import { extractTimeline, filterTimeline, mergeEventPrecisions } from './timeline/index.js';
import type { Person, TimelineEvent } from './types.js';

/**
 * Facts derived from the articles when the index is built (people, dated events) and stored with it, so that
 * `/who` and `/timeline` cost a lookup at question time. Passed to the index builder as its `enrich` step.
 */
export function enrichArticles(articles: readonly Article[]): Record<string, unknown> {
  const people = extractPeople(articles);
  return { people, timeline: extractTimeline(articles, people) };
}

interface ArticleFacts {
  people: Person[];
  timeline: TimelineEvent[];
}

/**
 * The incremental form the index builder keeps per article: tagging an article's names and dates is the slow
 * part (compromise reads every word), so it runs only for new and changed articles, and `combine` joins the
 * stored facts of all articles at each build. Joining merges one person named in several articles: the same
 * full name, or a lone surname that only one full name in the corpus ends with. Bump `version` whenever
 * extraction changes, so stored facts are derived again.
 */
export const articleEnricher: ArticleEnricher = {
  version: 'people-timeline-3',
  article(article: Article): ArticleFacts {
    const people = extractPeople([article]);
    return { people, timeline: extractTimeline([article], people) };
  },
  combine(facts) {
    const perArticle = facts.map(({ facts: stored }) => stored as ArticleFacts);
    const { people, canonical } = mergePeople(perArticle.flatMap((stored) => stored.people));
    // One happening told by two articles (at one date or at two precisions) becomes one event citing both;
    // the sort inside is stable, so events of one date keep corpus order.
    const timeline = mergeEventPrecisions(
      perArticle
        .flatMap((stored) => stored.timeline)
        .map((event) => ({ ...event, people: [...new Set(event.people.map((name) => canonical(name)))] })),
    );
    return { people, timeline };
  },
};

function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function mergePeople(all: readonly Person[]): { people: Person[]; canonical: (name: string) => string } {
  const byKey = new Map<string, Person>();
  // Full names by their last word, so a lone surname finds the full names it could belong to at once.
  const bySurname = new Map<string, Person[]>();
  const order: Person[] = [];
  // Full names first, so a lone surname can find the one full name it belongs to.
  const sorted = [...all].sort((left, right) => right.name.split(' ').length - left.name.split(' ').length);
  const renamed = new Map<string, string>();
  // Each article lists its people most-mentioned first; the merged list keeps the order of first appearance.
  const firstSeen = new Map<Person, number>();
  const positions = new Map(all.map((person, position) => [person, position]));
  for (const person of sorted) {
    const key = nameKey(person.name);
    let target = byKey.get(key);
    if (!target && !key.includes(' ')) {
      const owners = bySurname.get(key);
      if (owners?.length === 1) target = owners[0];
    }
    if (!target) {
      target = {
        ...person,
        aliases: [...person.aliases],
        roles: [...person.roles],
        citations: [...person.citations],
      };
      byKey.set(key, target);
      order.push(target);
      const surname = key.split(' ').at(-1);
      if (surname !== undefined && key.includes(' '))
        bySurname.set(surname, [...(bySurname.get(surname) ?? []), target]);
      firstSeen.set(target, positions.get(person) ?? 0);
      continue;
    }
    renamed.set(person.name, target.name);
    for (const alias of [person.name, ...person.aliases]) {
      if (alias !== target.name && !target.aliases.includes(alias)) target.aliases.push(alias);
    }
    for (const role of person.roles) if (!target.roles.includes(role)) target.roles.push(role);
    target.citations = [...target.citations, ...person.citations].slice(0, 3);
  }
  const people = order.sort((left, right) => (firstSeen.get(left) ?? 0) - (firstSeen.get(right) ?? 0));
  return { people, canonical: (name) => renamed.get(name) ?? name };
}

/** The people and timeline of one index generation, with the lookups the surfaces need. */
export class Knowledge {
  private constructor(
    readonly people: readonly Person[],
    readonly events: readonly TimelineEvent[],
  ) {}

  static from(index: PassageIndex): Knowledge {
    const { extras } = index.generation.store;
    const people = Array.isArray(extras['people']) ? (extras['people'] as Person[]) : [];
    const events = Array.isArray(extras['timeline']) ? (extras['timeline'] as TimelineEvent[]) : [];
    return new Knowledge(people, events);
  }

  /** Everyone, or the one person a name means; for an unknown name, the closest names as suggestions. */
  who(name?: string): WhoResult {
    if (name === undefined || name.trim() === '') return { people: [...this.people] };
    const person = findPerson(this.people, name);
    if (person) return { people: [person] };
    return { people: [], suggestions: closestPeople(this.people, name).map((candidate) => candidate.name) };
  }

  suggestPeople(partial: string, limit: number): string[] {
    if (partial.trim() === '') return this.people.slice(0, limit).map((person) => person.name);
    return suggestPeople(this.people, partial, limit).map((person) => person.name);
  }

  timeline(filter: TimelineFilter): TimelineEvent[] {
    return filterTimeline(this.events, filter, this.people);
  }
}
