import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../retrieval/passageIndex.js';
import type { TimelineFilter, WhoResult } from '../service.js';
import { closestPeople, extractPeople, findPerson, suggestPeople } from './people/index.js';
import { extractTimeline, filterTimeline } from './timeline/index.js';
import type { Person, TimelineEvent } from './types.js';

/**
 * Facts derived from the articles when the index is built (people, dated events) and stored with it, so that
 * `/who` and `/timeline` cost a lookup at question time. Passed to the index builder as its `enrich` step.
 */
export function enrichArticles(articles: readonly Article[]): Record<string, unknown> {
  const people = extractPeople(articles);
  return { people, timeline: extractTimeline(articles, people) };
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
