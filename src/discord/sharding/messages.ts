/**
 * What the shards and their manager tell each other, besides discord.js's own messages. A shard that switched
 * to an index generation it built says so; the manager passes it on to every shard, and each one that serves
 * an older generation opens the new one.
 */
export interface IndexSwitchedMessage {
  type: 'article-bot:index-switched';
  generation: string;
}

export function indexSwitched(generation: string): IndexSwitchedMessage {
  return { type: 'article-bot:index-switched', generation };
}

export function isIndexSwitched(message: unknown): message is IndexSwitchedMessage {
  const candidate = message as Partial<IndexSwitchedMessage> | null;
  return candidate?.type === 'article-bot:index-switched' && typeof candidate.generation === 'string';
}
