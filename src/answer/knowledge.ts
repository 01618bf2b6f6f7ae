import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../retrieval/passageIndex.js';
import type { TimelineFilter, WhoResult } from '../service.js';
import type { Person, TimelineEvent } from './types.js';

// TEMPORARY until src/answer/people and src/answer/timeline land (same session).
export function enrichArticles(_articles: readonly Article[]): Record<string, unknown> {
  return { people: [], timeline: [] };
}

export class Knowledge {
  private constructor(
    readonly people: Person[],
    readonly events: TimelineEvent[],
  ) {}

  static from(index: PassageIndex): Knowledge {
    const extras = index.generation.store.extras;
    return new Knowledge((extras['people'] ?? []) as Person[], (extras['timeline'] ?? []) as TimelineEvent[]);
  }

  who(_name?: string): WhoResult {
    return { people: this.people };
  }

  suggestPeople(_partial: string, _limit: number): string[] {
    return [];
  }

  timeline(_filter: TimelineFilter): TimelineEvent[] {
    return this.events;
  }
}
