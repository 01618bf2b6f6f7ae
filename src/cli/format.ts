import type { Answer, Citation, Person, TimelineEvent } from '../answer/types.js';
import { citeTimeline, eventDateLabel, peopleLabel, sourceReference } from '../render/timelineText.js';
import type { ArticleSummary, ReindexReport } from '../service.js';

function quote(citation: Citation): string {
  return `  [${citation.n}] ${citation.articleTitle}, ¶${citation.paragraph}\n      “${citation.text}”`;
}

export function formatAnswer(answer: Answer): string {
  if (answer.abstained) {
    const closest = answer.closest.length
      ? `\nClosest passages (they do not answer it):\n${answer.closest.map(quote).join('\n')}`
      : '';
    return `${answer.answer}${closest}`;
  }
  return `${answer.answer}\n${answer.citations.map(quote).join('\n')}`;
}

export function formatPerson(person: Person): string {
  const lines = [`${person.name}${person.roles.length ? ` — ${person.roles.join('; ')}` : ''}`];
  if (person.aliases.length) lines.push(`  also: ${person.aliases.join(', ')}`);
  if (person.summary) lines.push(`  ${person.summary}`);
  person.citations.forEach((citation, index) =>
    lines.push(`  [${index + 1}] ¶${citation.paragraph} “${citation.text}”`),
  );
  return lines.join('\n');
}

export function formatPeopleList(people: readonly Person[]): string {
  if (people.length === 0) return 'The articles name no people.';
  return people.map((person) => `${person.name}${person.roles[0] ? ` — ${person.roles[0]}` : ''}`).join('\n');
}

export interface TimelineTextOptions {
  /** Article titles by id, for the numbered sources. */
  titles: ReadonlyMap<string, string>;
  /** The corpus has one article: cite `¶n` rather than `[n]` and a title. */
  singleArticle: boolean;
}

/**
 * One line per event (date, ≈ when inferred, what happened, people, and `[n]` or `¶n`), then the sources with
 * their quotes in full: a terminal scrolls, so nothing is held back behind a button.
 */
export function formatTimeline(events: readonly TimelineEvent[], options: TimelineTextOptions): string {
  if (events.length === 0) return 'No dated events match.';
  const { events: cited, sources } = citeTimeline(events);
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  const dates = cited.map(({ event }) => eventDateLabel(event));
  const width = Math.max(...dates.map((date) => date.length));
  const lines = cited.map(({ event, sources: numbers }, index) => {
    const people = event.people.length > 0 ? ` — ${peopleLabel(event.people)}` : '';
    const references = numbers
      .flatMap((n) => {
        const source = byNumber.get(n);
        return source ? [sourceReference(source, options.singleArticle)] : [];
      })
      .join(' ');
    return `${(dates[index] ?? '').padEnd(width)}  ${event.what}${people}  ${references}`.trimEnd();
  });
  lines.push('(≈ date inferred from the text and the publication date)', '', 'Sources:');
  for (const source of sources) {
    const heading = options.singleArticle
      ? `¶${source.paragraph}`
      : `[${source.n}] ${options.titles.get(source.article) ?? source.article}, ¶${source.paragraph}`;
    lines.push(`  ${heading}`, ...source.quotes.map((quote) => `      “${quote}”`));
  }
  return lines.join('\n');
}

export function formatSources(sources: readonly ArticleSummary[]): string {
  return sources
    .map(
      (source) =>
        `${source.id}: ${source.title}${source.source ? ` — ${source.source}` : ''}${source.published ? `, ${source.published}` : ''} (${source.paragraphs} paragraphs)`,
    )
    .join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatReindex(report: ReindexReport): string {
  if (!report.rebuilt)
    return `Index is up to date (${plural(report.articles.unchanged.length, 'article')}, ${plural(report.chunks, 'chunk')}); nothing to do.`;
  const { added, changed, removed, unchanged } = report.articles;
  return `Reindexed in ${(report.ms / 1000).toFixed(1)} s: ${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged.length} unchanged; ${report.chunks} chunks.`;
}
