/**
 * The development sets' judge, as `../shared/eval/score.py` writes it: an answer is right when it says the
 * expected content (every `match` pattern, or one SQuAD answer) and a cited passage supports it.
 */

/** One question of a development set, in the seed format (`match`/`support`) or the SQuAD one (`answers`). */
export interface DevQuestion {
  id: string;
  q: string;
  kind?: string;
  article?: string;
  abstain?: boolean;
  answers?: string[];
  match?: string[];
  support?: string[];
}

/** What the judge reads of an answer. */
export interface JudgedAnswer {
  answer: string;
  abstained: boolean;
  citations: readonly { text: string }[];
}

/** score.py's `fold`: accents removed, lower case, straight quotes, white space folded. */
export function foldForJudging(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const patterns = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) patterns.set(source, (compiled = new RegExp(source)));
  return compiled;
}

/** Whether the answer is right: a correct abstention, or the expected content with a supporting citation. */
export function judge(question: DevQuestion, answer: JudgedAnswer): boolean {
  if (question.abstain) return answer.abstained;
  if (answer.abstained) return false;
  const said = foldForJudging(answer.answer);
  const cited = answer.citations.map((citation) => foldForJudging(citation.text));
  if (question.match) {
    const support = question.support ?? [];
    return (
      question.match.every((source) => pattern(source).test(said)) &&
      support.some((text) => cited.some((passage) => passage.includes(text)))
    );
  }
  const golds = (question.answers ?? []).filter((gold) => gold.trim() !== '').map(foldForJudging);
  return (
    golds.some((gold) => said.includes(gold)) &&
    golds.some((gold) => cited.some((passage) => passage.includes(gold)))
  );
}

/**
 * Whether a candidate sentence holds the answer, the ranker's positive: it has a SQuAD answer, or a support
 * text with every `match` pattern.
 */
export function holdsAnswer(question: DevQuestion, sentence: string): boolean {
  if (question.abstain) return false;
  const folded = foldForJudging(sentence);
  if (question.match) {
    return (
      (question.support ?? []).some((text) => folded.includes(text)) &&
      question.match.every((source) => pattern(source).test(folded))
    );
  }
  return (question.answers ?? []).some((gold) => gold.trim() !== '' && folded.includes(foldForJudging(gold)));
}
