/** What an article's front matter may say; everything but `language` is optional. */
export interface ArticleMetadata {
  title: string;
  author?: string;
  /** The outlet, e.g. "Breitbart News". */
  source?: string;
  url?: string;
  /** Publication date as `YYYY-MM-DD`; relative dates in the text are resolved against it. */
  published?: string;
  language: string;
}

/** A paragraph of the article body, with its place in `Article.text` so citations can point back to it. */
export interface Paragraph {
  /** 1-based, counting only paragraphs kept after cleaning. */
  number: number;
  text: string;
  /** Offsets into `Article.text`: `text === article.text.slice(start, end)`. */
  start: number;
  end: number;
}

export interface Article {
  /** The file name without its extension: stable across rebuilds, used in citations. */
  id: string;
  /** Path relative to the corpus directory. */
  file: string;
  metadata: ArticleMetadata;
  /** The body exactly as stored (after front matter), so offsets stay valid. */
  text: string;
  paragraphs: Paragraph[];
  /** sha256 of the raw file bytes; an unchanged hash means unchanged chunks and vectors. */
  contentHash: string;
}

export interface Sentence {
  text: string;
  /** Offsets into `Article.text`. */
  start: number;
  end: number;
  paragraph: number;
}

/** The unit that is embedded and retrieved: whole consecutive sentences of one paragraph. */
export interface Chunk {
  /** `${articleId}#${ordinal}`. */
  id: string;
  articleId: string;
  /** The paragraph the chunk lies in (a list, so a future chunker may span neighbours without a new shape). */
  paragraphs: number[];
  start: number;
  end: number;
  text: string;
}
