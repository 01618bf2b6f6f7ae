import { InputError } from '../errors.js';

/** Longer questions are refused: no real question needs more, and it keeps a pasted article from being "asked". */
export const MAX_QUESTION_CHARACTERS = 1000;

export type QuestionKind =
  'who' | 'when' | 'where' | 'how-many' | 'how-much' | 'why' | 'how' | 'which' | 'what' | 'yes-no' | 'other';

/**
 * Removes what a chat client may carry that is not part of the question: control and zero-width characters,
 * Discord mention markup, runs of white space. Throws `InputError` when nothing is left or it is too long.
 */
export function normalizeQuestion(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/<(@[!&]?|#)\d{17,20}>/g, ' ')
    .replace(/\s+/g, ' ')
    // Control and format characters (zero-width spaces, bidi marks) are invisible and only disturb matching.
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  if (cleaned === '') throw new InputError('Please ask a question: the message was empty.');
  if (cleaned.length > MAX_QUESTION_CHARACTERS) {
    throw new InputError(
      `That question is ${cleaned.length} characters long; please keep it under ${MAX_QUESTION_CHARACTERS}.`,
    );
  }
  return cleaned;
}

/** What kind of answer the question wants, from its wh-word (wherever it stands) or its auxiliary verb. */
export function questionKind(question: string): QuestionKind {
  const text = question.toLowerCase();
  if (/\bhow (many|much|long|old|often|far|tall|high|big|large|heavy|deep|wide)\b/.test(text)) {
    return /\bhow much\b/.test(text) ? 'how-much' : 'how-many';
  }
  if (/\b(who|whom|whose)\b/.test(text)) return 'who';
  if (/\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|month)\b/.test(text))
    return 'when';
  if (/\bwhere\b|\bwhat (country|city|place)\b|\bwhich (country|city|place)\b/.test(text)) return 'where';
  if (/\bwhy\b|\bwhat (caused|led|prompted)\b|\bfor what reason\b/.test(text)) return 'why';
  if (/\bhow\b/.test(text)) return 'how';
  if (/\bwhich\b/.test(text)) return 'which';
  if (/\bwhat\b/.test(text)) return 'what';
  if (/^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/.test(text)) return 'yes-no';
  return 'other';
}
