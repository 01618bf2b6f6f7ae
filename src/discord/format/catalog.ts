import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Person, Quote } from '../../answer/types.js';
import type { ArticleSummary, ReindexProgress, ReindexReport } from '../../service.js';
import { COLORS, layoutEmbeds, packEmbeds, type MessageDraft } from './embeds.js';
import { escapeText, plural, truncateAtWord } from './text.js';
import { quotePreview } from './answer.js';

export function formatArticleList(articles: readonly ArticleSummary[]): MessageDraft[] {
  if (articles.length === 0) {
    return [{ content: 'No articles are indexed yet.', embeds: [] }];
  }
  const lines = articles.map((article) => {
    const origin = [article.source, article.published].filter((part) => part !== undefined).join(', ');
    const details = [origin, plural(article.paragraphs, 'paragraph')].filter((part) => part !== '');
    return `**${escapeText(article.title)}** — ${escapeText(details.join(' · '))} · \`${article.id}\``;
  });
  return layoutEmbeds({
    title: `Articles (${articles.length})`,
    description: lines.join('\n'),
    color: COLORS.answer,
  });
}

/** Where a quote comes from, by title when the article is known. */
export function quoteHeading(quote: Quote, titles: ReadonlyMap<string, string>): string {
  const title = titles.get(quote.article) ?? quote.article;
  return `${escapeText(truncateAtWord(title, 200))} — ¶${quote.paragraph}`;
}

export function formatPeople(people: readonly Person[], titles: ReadonlyMap<string, string>): MessageDraft[] {
  const embeds: APIEmbed[] = people.flatMap((person) => {
    const lines = [escapeText(person.summary.trim())];
    if (person.aliases.length > 0) lines.push(`**Also known as:** ${escapeText(person.aliases.join(', '))}`);
    if (person.roles.length > 0) lines.push(`**Roles:** ${escapeText(person.roles.join('; '))}`);
    const fields: APIEmbedField[] = person.citations.map((quote, index) => ({
      name: `[${index + 1}] ${quoteHeading(quote, titles)}`,
      value: quotePreview(quote.text),
    }));
    return layoutEmbeds({
      title: escapeText(person.name),
      description: lines.filter((line) => line !== '').join('\n\n'),
      fields,
      color: COLORS.answer,
    }).flatMap((message) => message.embeds);
  });
  return packEmbeds(embeds);
}

export function formatPeopleList(people: readonly Person[]): MessageDraft[] {
  if (people.length === 0) return [{ content: 'No people are known from the articles yet.', embeds: [] }];
  const lines = people.map((person) => {
    const roles =
      person.roles.length > 0 ? ` — ${escapeText(truncateAtWord(person.roles.join('; '), 120))}` : '';
    return `**${escapeText(person.name)}**${roles}`;
  });
  return layoutEmbeds({
    title: `People in the articles (${people.length})`,
    description: lines.join('\n'),
    footer: 'Use /who name:<person> for details and quotes.',
    color: COLORS.answer,
  });
}

export function formatPersonNotFound(name: string, suggestions: readonly string[] = []): string {
  const notFound = `I couldn't find “${escapeText(truncateAtWord(name, 100))}” in the articles.`;
  if (suggestions.length === 0) return notFound;
  return `${notFound} Did you mean: ${suggestions.slice(0, 5).map(escapeText).join(', ')}?`;
}

const STAGE_LABELS: Record<ReindexProgress['stage'], string> = {
  loading: 'Loading the articles',
  embedding: 'Embedding the passages',
  writing: 'Writing the new index',
  verifying: 'Verifying the new index',
  swapping: 'Switching to the new index',
};

export function formatReindexProgress(progress: ReindexProgress): string {
  const count = progress.total > 0 ? ` (${progress.done}/${progress.total})` : '';
  return `Reindexing… ${STAGE_LABELS[progress.stage]}${count}. Questions are still answered from the current index.`;
}

export function formatReindexReport(report: ReindexReport): MessageDraft[] {
  const { added, changed, removed, unchanged } = report.articles;
  const articleCount = added.length + changed.length + unchanged.length;
  const seconds = (report.ms / 1000).toFixed(1);
  const summary = report.rebuilt
    ? `Indexed ${plural(articleCount, 'article')} into ${plural(report.chunks, 'chunk')} in ${seconds} s.`
    : `Nothing changed: ${plural(articleCount, 'article')} and ${plural(report.chunks, 'chunk')} kept (checked in ${seconds} s).`;
  const counts = `${added.length} added · ${changed.length} changed · ${removed.length} removed · ${unchanged.length} unchanged`;
  const lists: Array<[string, string[]]> = [
    ['Added', added],
    ['Changed', changed],
    ['Removed', removed],
  ];
  const fields: APIEmbedField[] = lists
    .filter(([, ids]) => ids.length > 0)
    .map(([name, ids]) => ({ name, value: truncateAtWord(ids.map((id) => `\`${id}\``).join(', '), 1024) }));
  return layoutEmbeds({
    title: report.rebuilt ? 'Index rebuilt' : 'Index already up to date',
    description: `${summary}\n${counts}`,
    fields,
    color: COLORS.success,
  });
}

export function formatHelp(
  commands: ReadonlyArray<{ name: string; description: string }>,
  options: { followUpsNeedMention: boolean },
): MessageDraft[] {
  const followUps = options.followUpsNeedMention
    ? 'ask follow-ups there, mentioning me again.'
    : 'ask follow-ups there; no need to mention me again.';
  return layoutEmbeds({
    title: 'Article bot',
    description: [
      'I answer questions about the news articles in my collection, quoting the passages I answer from.',
      'Every answer carries numbered citations: the article, the paragraph, and the words themselves.',
      `Mention me with a question and I will answer in a thread; ${followUps}`,
    ].join('\n'),
    fields: commands.map((command) => ({ name: `/${command.name}`, value: command.description })),
    color: COLORS.answer,
  });
}
