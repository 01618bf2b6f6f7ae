import type { TextEmbedder } from '../embeddings/types.js';
import type { HybridRetriever } from '../retrieval/hybridRetriever.js';
import type { PassageIndex } from '../retrieval/passageIndex.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { questionTermsFor } from '../retrieval/sentenceRerank.js';
import { shapeScore } from './answerShape.js';
import { cite } from './citations.js';
import { chooseClause } from './clause.js';
import { followUpQuery } from './followUp.js';
import { normalizeQuestion, questionKind } from './question.js';
import type { Answer, Citation, ConversationTurn } from './types.js';

export interface AnswerOptions {
  article?: string;
  history?: readonly ConversationTurn[];
}

export interface ExtractiveAnswererOptions {
  retriever: HybridRetriever;
  index: () => PassageIndex;
  embedder: TextEmbedder;
  /** Below this share of the question's weighted terms found around the best sentence, abstain. Default 0.55. */
  minimumCoverage?: number;
  /** Passages shown as "closest" when abstaining. Default 2. */
  closestCount?: number;
}

export const NOT_ANSWERED = 'The articles do not answer that.';

/**
 * The offline answerer: it quotes instead of writing. It re-scores the retriever's sentences by how well they
 * have the shape the question asks for (a date for "when", a number for "how many"), takes the best, trims it
 * to the clause that answers, and cites it. It abstains when the question's key terms are not there: a name
 * the articles never mention, or too little of what was asked.
 */
export class ExtractiveAnswerer {
  private readonly minimumCoverage: number;
  private readonly closestCount: number;

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.minimumCoverage = options.minimumCoverage ?? 0.55;
    this.closestCount = options.closestCount ?? 2;
  }

  answer(rawQuestion: string, { article, history = [] }: AnswerOptions = {}): Answer {
    const started = performance.now();
    const question = normalizeQuestion(rawQuestion);
    const query = followUpQuery(question, history);
    const kind = questionKind(question);
    const index = this.options.index();
    const terms = questionTermsFor(query, index, this.options.embedder);
    const finish = (fields: Omit<Answer, 'question' | 'ms'>): Answer => ({
      question,
      ...fields,
      ms: performance.now() - started,
    });
    if (terms.length === 0) {
      return finish({
        answer: `${NOT_ANSWERED} Ask about someone or something in them.`,
        abstained: true,
        citations: [],
        closest: [],
      });
    }

    const ranked = this.options.retriever
      .rankSentences(query, article === undefined ? {} : { article })
      .slice(0, 12)
      .map((candidate) => ({
        candidate,
        score: candidate.score + 0.12 * shapeScore(kind, candidate.sentence.text),
      }))
      .sort((left, right) => right.score - left.score);
    const best = ranked[0]?.candidate;
    const reason = best ? this.reasonToAbstain(best) : 'nothing retrieved';
    if (!best || reason) {
      const closest = ranked
        .slice(0, this.closestCount)
        .map(({ candidate }, position) => citeSentence(position + 1, candidate));
      return finish({ answer: NOT_ANSWERED, abstained: true, citations: [], closest });
    }
    const clause = chooseClause(best, kind);
    const citation = citeSentence(1, best);
    return finish({ answer: `${clause} [1]`, abstained: false, citations: [citation], closest: [] });
  }

  /** Why the best sentence does not answer the question, or undefined when it does. */
  private reasonToAbstain(best: RankedSentence): string | undefined {
    if (best.contextCoverage < this.minimumCoverage) return 'too little of the question is found';
    const contextText = [...best.context.map((sentence) => sentence.text), best.sentence.text].join(' ');
    const missingName = best.matches.find(
      (match) => match.term.proper && match.strength < 1 && !foldedIncludes(contextText, match.term.word),
    );
    if (missingName) return `"${missingName.term.word}" is not mentioned there`;
    return undefined;
  }
}

function foldedIncludes(text: string, word: string): boolean {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .includes(word);
}

function citeSentence(n: number, ranked: RankedSentence): Citation {
  const { sentence, article } = ranked;
  return cite(n, article, sentence.paragraph, sentence.start, sentence.end);
}
