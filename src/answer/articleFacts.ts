import { foldedWords, MONTHS, stem } from '../corpus/tokens.js';
import type { Article } from '../corpus/types.js';
import type { QuestionTerm } from '../retrieval/termMatcher.js';
import type { Citation } from './types.js';

/** What an article's front matter says about the article itself, rather than about the story. */
export type ArticleFact = 'author' | 'published' | 'source' | 'title';

/** "it", "this", "the article", "the story about GM's buyout": what a question about the article itself names. */
const ARTICLE = String.raw`(?:(?:the|this|that) (?:article|story|piece|report|post|news item)\b[^?]*?|it|this|that)`;
/** The same, ending the question: "who wrote it?", not "who wrote it to Congress". */
const ARTICLE_ENDING = String.raw`${ARTICLE}\s*\??\s*$`;

const pattern = (...alternatives: string[]) => new RegExp(alternatives.join('|'), 'i');

/**
 * Questions about the article rather than the story: who wrote it, when it came out, where, under what headline.
 * Each must name the article ("who wrote the story?"), or end on the role asked for ("who is the author?"):
 * "who wrote the letter?" and "which newspaper reported the leak?" ask about the story.
 */
const FACT_QUESTIONS: readonly [ArticleFact, RegExp][] = [
  [
    'author',
    pattern(
      String.raw`\bwho (?:wrote|authored|penned|reported|is behind) ${ARTICLE_ENDING}`,
      String.raw`\b(?:author|writer|byline|reporter|journalist) (?:of|for|behind) ${ARTICLE}`,
      String.raw`\bwho(?:'s| is| was) the (?:author|writer|reporter|journalist)\s*\??\s*$`,
      String.raw`\b(?:article|story|piece)['’]s (?:author|writer|byline)`,
      String.raw`\b(?:written|reported) by whom\b|\bwho (?:is|was) ${ARTICLE} (?:by|written by)\b`,
    ),
  ],
  [
    'published',
    pattern(
      String.raw`\bwhen (?:was|is|were) ${ARTICLE} (?:published|written|posted|released|dated|put out)\b`,
      String.raw`\bwhat (?:date|day) (?:was|is) ${ARTICLE} (?:published|written|posted|dated)\b`,
      String.raw`\b(?:publication|publishing) date\b|\bdate of (?:the |this )?(?:article|story|piece)\b`,
    ),
  ],
  [
    'source',
    pattern(
      String.raw`\b(?:which|what) (?:outlet|publication|newspaper|paper|site|website|media outlet|news (?:site|outlet|organi[sz]ation|agency)) (?:published|ran|posted|is|was) ${ARTICLE_ENDING}`,
      String.raw`\bwhere (?:was|is) ${ARTICLE} (?:published|posted|from)\b`,
      String.raw`\bwho published ${ARTICLE_ENDING}`,
      String.raw`\b(?:source|publisher|outlet) of ${ARTICLE}`,
    ),
  ],
  [
    'title',
    pattern(
      String.raw`\bwhat(?:'s| is| was) the (?:headline|title)\s*\??\s*$`,
      String.raw`\b(?:headline|title) of ${ARTICLE}`,
    ),
  ],
];

/** Words naming whoever wrote the article. */
const AUTHOR_WORDS = ['author', 'writer', 'reporter', 'journalist'];
const AUTHOR = `(?:${AUTHOR_WORDS.join('|')})`;
/** "the author", "this article's writer". */
const THE_AUTHOR = String.raw`(?:the |this |that )?(?:(?:article|story|piece)['’]s )?${AUTHOR}`;
/** A word asking for the author's name, which the byline gives: "the author's full name", "surname". */
const NOT_NAME = String.raw`(?!(?:\p{L}+ )?(?:name|surname)\b)`;

/**
 * Something about the author rather than who they are: "the nationality of the article's author", "the
 * writer's background", "what nationality is the author", "where is the author from". The byline does not say
 * it; the article may ("Christian K. Caruzo is a Venezuelan writer…").
 */
const ABOUT_AUTHOR = new RegExp(
  [
    String.raw`\b${NOT_NAME}\p{L}+ of ${THE_AUTHOR}\b`,
    String.raw`\b${AUTHOR}['’]s ${NOT_NAME}\p{L}+`,
    String.raw`\b(?:what|which) ${NOT_NAME}\p{L}+ (?:is|was|does|did) ${THE_AUTHOR}\b`,
    String.raw`\b(?:where|what) (?:is|was|does|did) ${THE_AUTHOR} (?:from|do|write about|cover|document)\b`,
  ].join('|'),
  'iu',
);

/** The front-matter fact the question asks for, if it asks for one. */
export function askedArticleFact(question: string): ArticleFact | undefined {
  const fact = FACT_QUESTIONS.find(([, pattern]) => pattern.test(question))?.[0];
  return fact === 'author' && ABOUT_AUTHOR.test(question) ? undefined : fact;
}

/**
 * For a question about an article's author ("where is the author from?"), the words that stand in for its
 * "author": the names the articles' bylines give, so the sentence about "Christian K. Caruzo" answers it. None
 * for other questions: "Which journalist was arrested?" asks about the story's journalists.
 */
export function authorStandIns(
  question: string,
  terms: readonly QuestionTerm[],
  /** The articles the question reaches, looked up only for a question about the author. */
  articles: () => readonly Pick<Article, 'metadata'>[],
): Map<string, string[]> {
  const standIns = new Map<string, string[]>();
  const asked = terms.filter((term) => AUTHOR_WORDS.includes(term.stem));
  if (asked.length === 0 || !ABOUT_AUTHOR.test(question)) return standIns;
  const names = [
    ...new Set(
      articles().flatMap((article) =>
        foldedWords(article.metadata.author ?? '')
          .filter((word) => word.length > 1)
          .map(stem),
      ),
    ),
  ];
  if (names.length > 0) for (const term of asked) standIns.set(term.stem, names);
  return standIns;
}

const FIELD_NAMES: Record<ArticleFact, string> = {
  author: 'author',
  published: 'published',
  source: 'source',
  title: 'title',
};

/** "2025-11-03" → "November 3, 2025"; partial dates as far as they go. */
export function readableDate(published: string): string {
  const [year = '', month, day] = published.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year;
  const capitalised = monthName.charAt(0).toUpperCase() + monthName.slice(1);
  return day ? `${capitalised} ${Number(day)}, ${year}` : `${capitalised} ${year}`;
}

/**
 * The fact as the front matter states it, with a citation to the front matter (paragraph 0, the article's
 * details) quoting the field as stored; undefined when the article does not state it.
 */
export function articleFact(
  article: Article,
  fact: ArticleFact,
): { short: string; answer: string; citation: Citation } | undefined {
  const value = fact === 'title' ? article.metadata.title : article.metadata[fact];
  if (value === undefined || value.trim() === '') return undefined;
  const short = fact === 'published' ? readableDate(value) : value;
  const answer = {
    author: `The article is by ${short}. [1]`,
    published: `The article was published on ${short}. [1]`,
    source: `The article was published by ${short}. [1]`,
    title: `The article's headline is “${short}”. [1]`,
  }[fact];
  return {
    short,
    answer,
    citation: {
      n: 1,
      article: article.id,
      articleTitle: article.metadata.title,
      paragraph: FRONT_MATTER_PARAGRAPH,
      text: `${FIELD_NAMES[fact]}: ${value}`,
      start: 0,
      end: 0,
    },
  };
}

/**
 * The paragraph number a citation of the article's front matter carries: body paragraphs count from 1, and
 * the front matter stands before them. Its text is the field as stored, not a slice of the body.
 */
export const FRONT_MATTER_PARAGRAPH = 0;
