import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { ArticleBot, ArticleSummary } from '../../service.js';
import { LIMITS } from '../format/embeds.js';
import { foldForSearch, truncateAtWord } from '../format/text.js';

type Choice = ApplicationCommandOptionChoiceData<string>;

/** Articles whose title, outlet or id contains what was typed; the value sent back is the article id. */
export function articleChoices(articles: readonly ArticleSummary[], typed: string): Choice[] {
  const query = foldForSearch(typed.trim());
  return articles
    .filter((article) => article.id.length <= LIMITS.choiceValue)
    .filter((article) =>
      [article.title, article.source ?? '', article.id].some((text) => foldForSearch(text).includes(query)),
    )
    .slice(0, LIMITS.choices)
    .map((article) => ({
      name: truncateAtWord(
        article.source ? `${article.title} — ${article.source}` : article.title,
        LIMITS.choiceName,
      ),
      value: article.id,
    }));
}

export function personChoices(bot: ArticleBot, typed: string): Choice[] {
  return bot
    .suggestPeople(typed.trim(), LIMITS.choices)
    .filter((name) => name.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((name) => ({ name, value: name }));
}

/** The ids of the articles and their titles, for showing where a quote comes from. */
export function articleTitles(bot: ArticleBot): Map<string, string> {
  return new Map(bot.sources().map((article) => [article.id, article.title]));
}
