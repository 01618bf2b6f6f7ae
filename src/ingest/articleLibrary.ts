import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { hashBytes, parseArticle } from '../corpus/load.js';
import type { Article } from '../corpus/types.js';
import { InputError } from '../errors.js';
import { textKey } from '../corpus/textKey.js';
import { articleFileName, canonicalUrlKey, renderArticleFile } from './articleFile.js';
import type { AuditEntry, AuditLog } from './auditLog.js';
import { CorpusFolder, type PendingChange, type Recovery } from './corpusFolder.js';
import { decodeText } from './decodeText.js';
import type { ExtractedArticle } from './extractArticle.js';
import { checkSize, FetchRefusedError, type ResourceFetcher } from './fetchResource.js';
import { describeInput, HTML_EXTENSIONS, TEXT_EXTENSIONS, type ArticleInput } from './types.js';

export interface ArticleLibraryOptions {
  corpusDirectory: string;
  fetcher: ResourceFetcher;
  /** Largest page, attachment or file read. */
  maxBytes: number;
  audit: AuditLog;
  logger: Logger;
  now?: () => Date;
}

/** An article as the index being served lists it: enough to recognise a duplicate or remove it. */
export interface KnownArticle {
  id: string;
  file: string;
  contentHash: string;
  metadata: { title: string; url?: string | undefined };
  /** `textKey` of its paragraphs. */
  textKey: string;
}

export interface ServingIndex {
  /** The articles in the index being served. */
  articles(): readonly KnownArticle[];
  /** Rebuilds the index from the corpus as it now is; rejects, leaving the previous index in use, on failure. */
  reindex(requestedBy: string): Promise<unknown>;
}

export interface AddedFile {
  /** The article as the corpus loader reads the new file. */
  article: Article;
  input: string;
}

/** The article already in the corpus that a new one duplicates. */
export class DuplicateArticleError extends InputError {
  constructor(
    readonly existing: { id: string; title: string },
    why: 'link' | 'text',
  ) {
    super(
      `Already there: “${existing.title}” (${existing.id}) ${why === 'link' ? 'has the same link' : 'has the same text'}; nothing was added.`,
    );
  }
}

const PAGE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'text/x-markdown',
]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function extensionOf(name: string): string {
  return path.extname(name).toLowerCase();
}

function requireFileType(name: string): void {
  const extension = extensionOf(name);
  if (![...HTML_EXTENSIONS, ...TEXT_EXTENSIONS].includes(extension as never)) {
    throw new InputError(
      `Refused: ${path.basename(name)} is not an .html, .md or .txt file${extension === '.pdf' ? ' (PDF is not supported yet)' : ''}.`,
    );
  }
}

/**
 * The ingestion stage: turns a link or a file into a corpus file, and removes articles, one change at a time.
 * An add reads and extracts the article and checks it is new before anything is written; the file then goes
 * into the corpus through `CorpusFolder` (journalled, atomic) and the index is rebuilt; if the rebuild fails,
 * the file is taken out again, so the corpus and the index are exactly as they were. Every add and removal,
 * refusals included, goes to the audit log.
 */
export class ArticleLibrary {
  private readonly folder: CorpusFolder;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ArticleLibraryOptions) {
    this.folder = new CorpusFolder(options.corpusDirectory);
  }

  /** Settles a change a crash interrupted; see `CorpusFolder.recover`. */
  async recover(indexed: ReadonlyMap<string, string>): Promise<Recovery | undefined> {
    const recovery = await this.folder.recover(indexed);
    if (recovery) {
      const { entry, outcome } = recovery;
      this.options.logger.warn(
        { file: entry.file, action: entry.action, outcome },
        `an interrupted ${entry.action} of ${entry.file} was ${outcome === 'rolled-back' ? 'rolled back' : 'completed'}`,
      );
      await this.options.audit.record({
        by: entry.by,
        action: entry.action,
        outcome,
        file: entry.file,
        sha256: entry.sha256,
        reason: 'interrupted (the bot stopped during the change); settled at the next start',
      });
    }
    return recovery;
  }

  add(input: ArticleInput, requestedBy: string, serving: ServingIndex): Promise<AddedFile> {
    return this.serially(async () => {
      const described = describeInput(input);
      const audit = (entry: Partial<AuditEntry> & Pick<AuditEntry, 'outcome'>) =>
        this.options.audit.record({ by: requestedBy, action: 'add', input: described, ...entry });
      let prepared: { name: string; content: string; article: Article };
      try {
        prepared = await this.prepare(input, requestedBy, serving.articles());
      } catch (error) {
        if (error instanceof InputError) await audit({ outcome: 'refused', reason: error.message });
        throw error;
      }
      const { name, content, article } = prepared;
      let change: PendingChange;
      try {
        change = await this.folder.add(name, content, { sha256: article.contentHash, by: requestedBy });
      } catch (error) {
        const code =
          (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
        await audit({ outcome: 'failed', file: name, reason: String(code) });
        throw new InputError(
          `Could not write the article into the corpus folder (${code}); nothing was added.`,
        );
      }
      const fields = {
        article: article.id,
        title: article.metadata.title,
        file: name,
        sha256: article.contentHash,
      };
      try {
        await serving.reindex(requestedBy);
      } catch (error) {
        await change.rollback();
        const reason = error instanceof Error ? error.message : String(error);
        this.options.logger.warn(
          { file: name, reason },
          'the index could not be rebuilt; the new article was taken out',
        );
        await audit({ ...fields, outcome: 'rolled-back', reason });
        throw new InputError(
          'Could not add the article: rebuilding the index failed, so nothing was changed. The log has the details.',
        );
      }
      await change.commit();
      await audit({ ...fields, outcome: 'done' });
      return { article, input: described };
    });
  }

  remove(id: string, requestedBy: string, serving: ServingIndex): Promise<KnownArticle> {
    return this.serially(async () => {
      const audit = (entry: Partial<AuditEntry> & Pick<AuditEntry, 'outcome'>) =>
        this.options.audit.record({ by: requestedBy, action: 'remove', article: id, ...entry });
      const articles = serving.articles();
      const article = articles.find((candidate) => candidate.id === id);
      if (!article) {
        const reason = `No article has the id “${id}”.`;
        await audit({ outcome: 'refused', reason });
        throw new InputError(reason);
      }
      if (articles.length === 1) {
        const reason = `“${article.metadata.title}” is the only article; the bot needs at least one.`;
        await audit({ outcome: 'refused', reason });
        throw new InputError(reason);
      }
      const fields = { title: article.metadata.title, file: article.file, sha256: article.contentHash };
      const change = await this.folder.remove(article.file, { sha256: article.contentHash, by: requestedBy });
      try {
        await serving.reindex(requestedBy);
      } catch (error) {
        await change.rollback();
        const reason = error instanceof Error ? error.message : String(error);
        await audit({ ...fields, outcome: 'rolled-back', reason });
        throw new InputError(
          'Could not remove the article: rebuilding the index failed, so it is still there. The log has the details.',
        );
      }
      await change.commit();
      await audit({ ...fields, outcome: 'done' });
      return article;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Everything short of writing: read, extract, check it is new, and render the file the loader will read. */
  private async prepare(
    input: ArticleInput,
    requestedBy: string,
    known: readonly KnownArticle[],
  ): Promise<{ name: string; content: string; article: Article }> {
    const byUrl = new Map<string, KnownArticle>();
    for (const article of known) {
      const key = canonicalUrlKey(article.metadata.url);
      if (key !== undefined) byUrl.set(key, article);
    }
    const sameLink = (...urls: Array<string | undefined>): void => {
      for (const url of urls) {
        const existing = byUrl.get(canonicalUrlKey(url) ?? '');
        if (existing)
          throw new DuplicateArticleError({ id: existing.id, title: existing.metadata.title }, 'link');
      }
    };
    // Before fetching: the commonest duplicate, the same link pasted twice, costs no request.
    if (input.kind === 'url') sameLink(input.url);

    const extracted = await this.extract(input);
    sameLink(extracted.url);

    const addedAt = (this.options.now?.() ?? new Date()).toISOString();
    const content = renderArticleFile(extracted, { addedBy: requestedBy, addedAt });
    const name = await this.folderFreeName(extracted);
    const parsed = parseArticle(name, new TextEncoder().encode(content));
    if (typeof parsed === 'string')
      throw new InputError(`The article cannot be used: ${parsed}; nothing was added.`);

    const key = textKey(parsed.paragraphs.map((paragraph) => paragraph.text));
    const sameText = known.find((article) => article.textKey === key);
    if (sameText)
      throw new DuplicateArticleError({ id: sameText.id, title: sameText.metadata.title }, 'text');
    return {
      name,
      content,
      article: { ...parsed, contentHash: hashBytes(new TextEncoder().encode(content)) },
    };
  }

  private folderFreeName(extracted: ExtractedArticle): Promise<string> {
    return this.folder.freeName(articleFileName(extracted));
  }

  private async extract(input: ArticleInput): Promise<ExtractedArticle> {
    const { fetcher, maxBytes } = this.options;
    if (input.kind === 'url') {
      const page = await fetcher.fetch(input.url, { accept: (type) => PAGE_TYPES.has(type) });
      return await this.fromBytes(
        page.bytes,
        page.charset,
        HTML_TYPES.has(page.mediaType),
        page.url,
        page.url,
      );
    }
    if (input.kind === 'attachment') {
      requireFileType(input.name);
      if (input.size !== undefined) checkSize(input.size, maxBytes, input.name);
      const file = await fetcher.fetch(input.url, {
        accept: (type) =>
          type === '' ||
          type.startsWith('text/') ||
          type === 'application/xhtml+xml' ||
          type === 'application/octet-stream',
      });
      const html = (HTML_EXTENSIONS as readonly string[]).includes(extensionOf(input.name));
      return await this.fromBytes(file.bytes, file.charset, html, undefined, input.name);
    }
    requireFileType(input.path);
    let size: number;
    try {
      size = (await stat(input.path)).size;
    } catch {
      throw new InputError(`Cannot read ${input.path}: no such file.`);
    }
    checkSize(size, maxBytes, path.basename(input.path));
    const bytes = new Uint8Array(await readFile(input.path));
    const html = (HTML_EXTENSIONS as readonly string[]).includes(extensionOf(input.path));
    return await this.fromBytes(bytes, undefined, html, undefined, path.basename(input.path));
  }

  private async fromBytes(
    bytes: Uint8Array,
    charset: string | undefined,
    html: boolean,
    pageUrl: string | undefined,
    where: string,
  ): Promise<ExtractedArticle> {
    if (bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
      throw new FetchRefusedError(`Refused: ${where} is not text (it contains binary data).`);
    }
    const text = decodeText(bytes, charset, html);
    // The HTML parser and Readability load on the first add, not at every start of the bot.
    const { extractFromHtml, extractFromText } = await import('./extractArticle.js');
    return html ? extractFromHtml(text, pageUrl, where) : extractFromText(text, where);
  }
}
