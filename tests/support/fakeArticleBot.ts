import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer, Citation, Person, TimelineEvent } from '../../src/answer/types.js';
import { InputError } from '../../src/errors.js';
import type {
  AddArticleRequest,
  AddedArticle,
  AnswerRating,
  GapReport,
  GapsQuery,
  RemoveArticleRequest,
  RemovedArticle,
  ArticleBot,
  ArticleSummary,
  AskOptions,
  ReindexProgress,
  ReindexReport,
  ReindexRequest,
  TimelineFilter,
  WhoResult,
} from '../../src/service.js';

export const ARTICLES: ArticleSummary[] = [
  {
    id: 'mayor-resigns',
    title: 'Mayor resigns after budget inquiry',
    source: 'The Daily Ledger',
    published: '2024-03-05',
    paragraphs: 12,
  },
  {
    id: 'perez-appointed',
    title: 'Pérez appointed interim mayor',
    source: 'Metro Times',
    published: '2024-03-07',
    paragraphs: 9,
  },
  { id: 'bridge-reopens', title: 'Bridge reopens after two years', paragraphs: 8 },
];

export function citation(n: number, overrides: Partial<Citation> = {}): Citation {
  const text = overrides.text ?? `Quoted passage number ${n} from the article, exactly as it was written.`;
  return {
    n,
    article: 'mayor-resigns',
    articleTitle: 'Mayor resigns after budget inquiry',
    paragraph: n + 1,
    text,
    start: 100 * n,
    end: 100 * n + text.length,
    ...overrides,
  };
}

export function answered(question: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question,
    answer: 'Mayor Ana Ruiz resigned on 4 March [1], and her deputy took over the next day [2].',
    abstained: false,
    short: null,
    citations: [
      citation(1),
      citation(2, { article: 'perez-appointed', articleTitle: 'Pérez appointed interim mayor' }),
    ],
    closest: [],
    ms: 12,
    ...overrides,
  };
}

export function abstained(question: string): Answer {
  return {
    question,
    answer: 'The articles do not say.',
    abstained: true,
    short: null,
    citations: [],
    closest: [citation(1, { text: 'The nearest passage talks about the budget, not the weather.' })],
    ms: 9,
  };
}

export const PEOPLE: Person[] = [
  {
    name: 'Ana Ruiz',
    aliases: ['Mayor Ruiz'],
    roles: ['former mayor'],
    summary: 'Mayor of the city until March 2024.',
    citations: [{ article: 'mayor-resigns', paragraph: 1, text: 'Mayor Ana Ruiz resigned on Monday.' }],
  },
  {
    name: 'Luis Pérez',
    aliases: ['Pérez'],
    roles: ['interim mayor', 'former deputy mayor'],
    summary: 'Deputy mayor, appointed interim mayor after the resignation.',
    citations: [{ article: 'perez-appointed', paragraph: 2, text: 'Luis Pérez was sworn in on Wednesday.' }],
  },
];

export function timelineEvents(count: number): TimelineEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    date: `2024-03-${String((index % 28) + 1).padStart(2, '0')}`,
    granularity: 'day' as const,
    inferred: index % 3 === 0,
    what: `Event number ${index + 1} happened at the council.`,
    people: [index % 2 === 0 ? 'Ana Ruiz' : 'Luis Pérez'],
    citations: [
      { article: 'mayor-resigns', paragraph: (index % 12) + 1, text: `Passage for event ${index + 1}.` },
    ],
  }));
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/**
 * A deterministic `ArticleBot` that records every call. Its behaviour is plain data and functions
 * a test may replace (`bot.answer = ...`) to set up the case it checks.
 */
export class FakeArticleBot implements ArticleBot {
  readonly calls = {
    ask: [] as Array<{ question: string; options: AskOptions | undefined }>,
    who: [] as Array<string | undefined>,
    suggestPeople: [] as Array<{ partial: string; limit: number | undefined }>,
    timeline: [] as Array<TimelineFilter | undefined>,
    sources: 0,
    reindex: [] as string[],
    addArticle: [] as AddArticleRequest[],
    removeArticle: [] as RemoveArticleRequest[],
    rateAnswer: [] as Array<{ question: string; rating: AnswerRating }>,
    gaps: [] as GapsQuery[],
    followIndex: 0,
  };
  /** The generation `followIndex` reports; a test sets it to play another process's reindex. */
  generation = 'generation-1';
  private readonly switchListeners = new Set<(generation: string) => void>();
  answer: (question: string, options: AskOptions | undefined) => Answer | Promise<Answer> = (question) =>
    answered(question);
  articles: ArticleSummary[] = ARTICLES;
  people: Person[] = PEOPLE;
  events: TimelineEvent[] = timelineEvents(4);
  reindexReport: ReindexReport = {
    rebuilt: true,
    articles: {
      added: ['bridge-reopens'],
      changed: ['mayor-resigns'],
      removed: [],
      unchanged: ['perez-appointed'],
    },
    chunks: 42,
    ms: 1234,
  };
  /** The `onProgress` of each ask, in order, for tests that play a model writing. */
  readonly progressListeners: (AskOptions['onProgress'] | undefined)[] = [];
  /** Pause between reindex stages, so progress edits can be observed. */
  reindexStageMs = 5;
  /** What `addArticle` answers; a test may make it refuse by throwing. */
  added: (request: AddArticleRequest) => AddedArticle | Promise<AddedArticle> = () => ({
    id: '2024-05-06-port-city-opens-new-harbour-bridge',
    title: 'Port city opens new harbour bridge',
    published: '2024-05-06',
    author: 'Dana Whitfield',
    source: 'Example Gazette',
    url: 'https://news.example/bridge',
    file: '2024-05-06-port-city-opens-new-harbour-bridge.md',
    paragraphs: 4,
    people: ['Lucia Brandt'],
    ms: 900,
  });
  gapReport: GapReport = {
    days: 30,
    since: '2024-04-06T00:00:00.000Z',
    recording: true,
    total: 5,
    gaps: [
      {
        question: 'Who is the new harbour master?',
        count: 3,
        unanswered: 2,
        disliked: 1,
        variants: ["who's the new harbour master"],
        articles: ['bridge-reopens'],
        lastAsked: '2024-05-05T10:00:00.000Z',
      },
      {
        question: 'When does the ferry stop?',
        count: 2,
        unanswered: 2,
        disliked: 0,
        variants: [],
        articles: [],
        lastAsked: '2024-05-04T10:00:00.000Z',
      },
    ],
  };

  async ask(question: string, options?: AskOptions): Promise<Answer> {
    // The progress listener is a function a test cannot compare; it is kept apart.
    const { onProgress, ...recorded } = options ?? {};
    this.progressListeners.push(onProgress);
    this.calls.ask.push({ question, options: options === undefined ? undefined : recorded });
    return this.answer(question, options);
  }

  who(name?: string): WhoResult {
    this.calls.who.push(name);
    if (name === undefined) return { people: this.people };
    const wanted = fold(name);
    const people = this.people.filter((person) =>
      [person.name, ...person.aliases].some((known) => fold(known).includes(wanted)),
    );
    if (people.length > 0) return { people };
    return { people: [], suggestions: this.people.map((person) => person.name).slice(0, 1) };
  }

  suggestPeople(partial: string, limit?: number): string[] {
    this.calls.suggestPeople.push({ partial, limit });
    const wanted = fold(partial);
    return this.people
      .map((person) => person.name)
      .filter((name) => fold(name).includes(wanted))
      .slice(0, limit ?? 25);
  }

  timeline(filter?: TimelineFilter): TimelineEvent[] {
    this.calls.timeline.push(filter);
    return this.events.filter(
      (event) =>
        (filter?.person === undefined || event.people.includes(filter.person)) &&
        (filter?.article === undefined ||
          event.citations.some((quote) => quote.article === filter.article)) &&
        (filter?.from === undefined || event.date >= filter.from) &&
        (filter?.to === undefined || event.date.slice(0, filter.to.length) <= filter.to),
    );
  }

  sources(): ArticleSummary[] {
    this.calls.sources += 1;
    return this.articles;
  }

  followIndex(): Promise<string> {
    this.calls.followIndex++;
    return Promise.resolve(this.generation);
  }

  onIndexSwitch(listener: (generation: string) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /** Plays this process switching to a generation it built: what a reindex does after swapping. */
  switchTo(generation: string): void {
    this.generation = generation;
    for (const listener of this.switchListeners) listener(generation);
  }

  async reindex(request: ReindexRequest): Promise<ReindexReport> {
    this.calls.reindex.push(request.requestedBy);
    const stages: Array<ReindexProgress['stage']> = [
      'loading',
      'embedding',
      'writing',
      'verifying',
      'swapping',
    ];
    for (const stage of stages) {
      request.onProgress?.({ stage, done: 1, total: 1 });
      await sleep(this.reindexStageMs);
    }
    return this.reindexReport;
  }

  async addArticle(request: AddArticleRequest): Promise<AddedArticle> {
    this.calls.addArticle.push(request);
    for (const stage of ['loading', 'embedding', 'swapping'] as const) {
      request.onProgress?.({ stage, done: 1, total: 1 });
      await sleep(this.reindexStageMs);
    }
    return this.added(request);
  }

  async removeArticle(request: RemoveArticleRequest): Promise<RemovedArticle> {
    this.calls.removeArticle.push(request);
    await sleep(this.reindexStageMs);
    const article = this.articles.find((candidate) => candidate.id === request.id);
    if (!article) throw new InputError(`No article has the id “${request.id}”.`);
    this.articles = this.articles.filter((candidate) => candidate !== article);
    return { id: article.id, title: article.title, file: `${article.id}.md` };
  }

  rateAnswer(answer: Answer, rating: AnswerRating): void {
    this.calls.rateAnswer.push({ question: answer.question, rating });
  }

  gaps(query: GapsQuery = {}): GapReport {
    this.calls.gaps.push(query);
    return { ...this.gapReport, days: query.days ?? this.gapReport.days };
  }
}
