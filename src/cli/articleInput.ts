import { userInfo } from 'node:os';
import path from 'node:path';
import type { ArticleInput } from '../service.js';

/**
 * What a moderator typed after `article add`: anything with a scheme (`https://…`, and `ftp://…` too, to be
 * refused by name) is a link; everything else is a file on this machine, relative to the current folder.
 */
export function articleInputFrom(argument: string): ArticleInput {
  const text = argument.trim();
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) return { kind: 'url', url: text };
  return { kind: 'file', path: path.resolve(text) };
}

/** Who a change from this terminal is recorded as in the audit log: the surface and the system user. */
export function terminalRequester(surface: 'cli' | 'terminal'): string {
  try {
    return `${surface}:${userInfo().username}`;
  } catch {
    // No passwd entry (some containers): the surface alone still says where the change came from.
    return surface;
  }
}
