import type { AddedArticle, GapReport, RemovedArticle } from '../../service.js';
import { COLORS, layoutEmbeds, type MessageDraft } from './embeds.js';
import { escapeText, plural, truncateAtWord } from './text.js';

/** What was added, as the moderator needs to check it: the metadata found, the size, who is in it. */
export function formatAddedArticle(article: AddedArticle): MessageDraft[] {
  const people =
    article.people.length > 0 ? truncateAtWord(article.people.map(escapeText).join(', '), 900) : 'none found';
  const lines = [
    `**Published:** ${article.published ?? 'no date found'}`,
    `**Author:** ${escapeText(article.author ?? 'not found')}`,
    `**Source:** ${escapeText(article.source ?? 'not found')}`,
    ...(article.url ? [`**Link:** <${article.url}>`] : []),
    `**Paragraphs:** ${article.paragraphs}`,
    `**People:** ${people}`,
    `**Id:** \`${article.id}\``,
  ];
  return layoutEmbeds({
    title: `Added: ${escapeText(article.title)}`,
    description: lines.join('\n'),
    color: COLORS.success,
    footer: `Indexed and answerable in ${(article.ms / 1000).toFixed(1)} s.`,
  });
}

export function formatRemovedArticle(article: RemovedArticle): MessageDraft[] {
  return layoutEmbeds({
    title: `Removed: ${escapeText(article.title)}`,
    description: `\`${article.id}\` is no longer in the index; answers no longer quote it.`,
    color: COLORS.success,
  });
}

const GAP_QUESTION_CHARACTERS = 200;

/** The questions members could not get answered, most frequent first, with how often and how. */
export function formatGaps(report: GapReport): MessageDraft[] {
  const title = `Questions without a good answer — last ${plural(report.days, 'day')}`;
  if (!report.recording) {
    return [
      {
        content:
          'Feedback logging is switched off (`FEEDBACK_LOG=false`), so unanswered and disliked questions are not recorded.',
        embeds: [],
      },
    ];
  }
  if (report.gaps.length === 0) {
    return layoutEmbeds({
      title,
      description: `No unanswered or disliked questions in the last ${plural(report.days, 'day')}.`,
      color: COLORS.answer,
    });
  }
  const blocks = report.gaps.map((gap) => {
    const how = [
      gap.unanswered > 0 ? `${gap.unanswered} unanswered` : '',
      gap.disliked > 0 ? `${gap.disliked} 👎` : '',
    ].filter((part) => part !== '');
    const lines = [
      `**${gap.count}×** ${escapeText(truncateAtWord(gap.question, GAP_QUESTION_CHARACTERS))} — ${how.join(' · ')}`,
    ];
    if (gap.variants.length > 0) {
      const variants = gap.variants.map((variant) => `“${escapeText(truncateAtWord(variant, 80))}”`);
      lines.push(`  also asked as ${variants.join(', ')}`);
    }
    if (gap.disliked > 0 && gap.articles.length > 0) {
      lines.push(`  answered from ${gap.articles.map((id) => `\`${id}\``).join(', ')}`);
    }
    return lines.join('\n');
  });
  return layoutEmbeds({
    title,
    description: blocks.join('\n'),
    color: COLORS.answer,
    footer: `${plural(report.total, 'question')} recorded in the period; near-duplicates counted together.`,
  });
}
