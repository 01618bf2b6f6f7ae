import { paragraphLabel } from '../answer/citations.js';
import type { Answer, Citation, Person, TimelineEvent } from '../answer/types.js';
import {
  citeTimeline,
  eventDateLabel,
  eventReferences,
  peopleLabel,
  type TimelineTextOptions,
} from '../render/timelineText.js';
import type { AddedArticle, ArticleSummary, GapReport, ReindexReport, RemovedArticle } from '../service.js';

function quote(citation: Citation): string {
  return `  [${citation.n}] ${citation.articleTitle}, ${paragraphLabel(citation.paragraph)}\n      “${citation.text}”`;
}

/** Which mode answered, as the last line of an answer: whether a model wrote the words. */
export function modeLine(answer: Answer): string {
  if (answer.mode === 'generated' && answer.model) {
    return answer.abstained
      ? `  (checked by ${answer.model})`
      : `  (written by ${answer.model}; every quote checked against the articles)`;
  }
  return '  (quoted from the articles)';
}

export function formatAnswer(answer: Answer): string {
  if (answer.abstained) {
    const closest = answer.closest.length
      ? `\nClosest passages (they do not answer it):\n${answer.closest.map(quote).join('\n')}`
      : '';
    return `${answer.answer}${closest}\n${modeLine(answer)}`;
  }
  const lead = answer.short === null ? '' : `${answer.short}\n`;
  return `${lead}${answer.answer}\n${answer.citations.map(quote).join('\n')}\n${modeLine(answer)}`;
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

/**
 * One line per event (date, ≈ when inferred, what happened, people, and `[n]` or `¶n`), then the sources with
 * their quotes in full: a terminal scrolls, so nothing is held back behind a button.
 */
export function formatTimeline(events: readonly TimelineEvent[], options: TimelineTextOptions): string {
  if (events.length === 0) return 'No dated events match.';
  const timeline = citeTimeline(events);
  const { events: cited, sources } = timeline;
  const references = eventReferences(timeline, options.singleArticle);
  const dates = cited.map(({ event }) => eventDateLabel(event));
  const width = Math.max(...dates.map((date) => date.length));
  const lines = cited.map(({ event }, index) => {
    const people = event.people.length > 0 ? ` — ${peopleLabel(event.people)}` : '';
    return `${(dates[index] ?? '').padEnd(width)}  ${event.what}${people}  ${(references[index] ?? []).join(' ')}`.trimEnd();
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

export function formatAddedArticle(article: AddedArticle): string {
  return [
    `Added ${article.id}: ${article.title}`,
    `  published  ${article.published ?? '(no date found)'}`,
    `  author     ${article.author ?? '(not found)'}`,
    `  source     ${article.source ?? '(not found)'}`,
    ...(article.url ? [`  url        ${article.url}`] : []),
    `  file       ${article.file}`,
    `  paragraphs ${article.paragraphs}`,
    `  people     ${article.people.length > 0 ? article.people.join(', ') : '(none found)'}`,
    `Answerable now (${(article.ms / 1000).toFixed(1)} s).`,
  ].join('\n');
}

export function formatRemovedArticle(article: RemovedArticle): string {
  return `Removed ${article.id}: ${article.title} (${article.file}); answers no longer quote it.`;
}

export function formatGaps(report: GapReport): string {
  if (!report.recording) return 'Feedback logging is off (FEEDBACK_LOG=false): nothing is recorded.';
  const period = `the last ${plural(report.days, 'day')}`;
  if (report.gaps.length === 0) return `No unanswered or disliked questions in ${period}.`;
  const lines = report.gaps.flatMap((gap) => {
    const how = [
      gap.unanswered > 0 ? `${gap.unanswered} unanswered` : '',
      gap.disliked > 0 ? `${gap.disliked} disliked` : '',
    ].filter((part) => part !== '');
    return [
      `${String(gap.count).padStart(4)}×  ${gap.question}  (${how.join(', ')})`,
      ...(gap.variants.length > 0
        ? [`       also: ${gap.variants.map((variant) => `“${variant}”`).join(', ')}`]
        : []),
    ];
  });
  return [
    `Questions without a good answer in ${period} (${plural(report.total, 'question')} recorded):`,
    ...lines,
  ].join('\n');
}
