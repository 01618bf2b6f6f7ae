/** Where a new article comes from. */
export type ArticleInput =
  /** A news page. */
  | { kind: 'url'; url: string }
  /** A file uploaded to a chat (a Discord attachment), fetched from where the chat keeps it. */
  | { kind: 'attachment'; url: string; name: string; size?: number; contentType?: string }
  /** A file on the bot's host (the CLI and the terminal chat). */
  | { kind: 'file'; path: string };

/** File types an article can be added from, by extension. */
export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'] as const;
export const TEXT_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

/** One line naming an input, for replies and the audit log. */
export function describeInput(input: ArticleInput): string {
  if (input.kind === 'url') return input.url;
  if (input.kind === 'attachment') return `attachment ${input.name}`;
  return `file ${input.path}`;
}
