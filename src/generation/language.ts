/** Says which language a text is in, as an ISO 639-1 code ("es"); undefined when it cannot tell reliably. */
export type LanguageDetector = (text: string) => string | undefined;

/** Fewer words than this are too little to tell a language by (a name alone reads as any language). */
const MIN_WORDS = 3;

/**
 * The language detector for questions: ELD (Efficient Language Detector), n-gram based and accurate on short
 * text. Its smallest database is loaded, and only when a language model is configured (about 30 MB of heap):
 * without one nothing needs to know a question's language.
 */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  const { eld } = await import('eld/extrasmall');
  return (text) => {
    if ((text.match(/\p{L}+/gu) ?? []).length < MIN_WORDS) return undefined;
    const result = eld.detect(text);
    return result.language !== '' && result.isReliable() ? result.language : undefined;
  };
}
