// Which segment files of a new generation are shared with the previous one and which are written.
import { entryOf, type PlannedArticle } from './buildTypes.js';
import type { PreviousGeneration } from './loadGeneration.js';
import { sha256 } from './manifest.js';

/** Articles per new segment file: small enough that rewriting one to drop dead entries stays cheap. */
const SEGMENT_ENTRIES = 1000;
/** A segment with fewer live entries than this share is rewritten rather than shared. */
const SEGMENT_MIN_LIVE = 0.5;
/** Beyond this many segment files, the smallest are merged: each costs a read and a parse at every load. */
const MAX_SEGMENTS = 48;

export interface SegmentPlan {
  linked: { name: string; entries: number }[];
  written: { name: string; entries: number; text: string }[];
  segmentOf: Map<string, string>;
}

/**
 * Shares every previous segment that is still mostly live; writes new and changed articles, and the live
 * articles of mostly-dead or surplus small segments, into new segment files.
 */
export function planSegments(
  planned: readonly PlannedArticle[],
  previous: PreviousGeneration | undefined,
): SegmentPlan {
  const liveBySegment = new Map<string, PlannedArticle[]>();
  for (const article of planned) {
    if (article.segment === undefined) continue;
    const list = liveBySegment.get(article.segment) ?? [];
    list.push(article);
    liveBySegment.set(article.segment, list);
  }
  const linked: { name: string; entries: number }[] = [];
  const rewrite = new Set<PlannedArticle>(planned.filter((article) => article.segment === undefined));
  for (const segment of previous?.manifest.segments ?? []) {
    const live = liveBySegment.get(segment.name) ?? [];
    if (live.length === 0) continue;
    if (live.length < segment.entries * SEGMENT_MIN_LIVE) live.forEach((article) => rewrite.add(article));
    else linked.push(segment);
  }
  if (linked.length + Math.ceil(rewrite.size / SEGMENT_ENTRIES) > MAX_SEGMENTS) {
    linked.sort((left, right) => left.entries - right.entries);
    while (linked.length > MAX_SEGMENTS / 2) {
      const smallest = linked.shift();
      if (smallest) liveBySegment.get(smallest.name)?.forEach((article) => rewrite.add(article));
    }
  }

  const segmentOf = new Map<string, string>();
  for (const segment of linked) {
    for (const article of liveBySegment.get(segment.name) ?? []) segmentOf.set(article.file, segment.name);
  }
  const ordered = planned.filter((article) => rewrite.has(article));
  const written: SegmentPlan['written'] = [];
  for (let first = 0; first < ordered.length; first += SEGMENT_ENTRIES) {
    const group = ordered.slice(first, first + SEGMENT_ENTRIES);
    const text = JSON.stringify({ entries: group.map((article) => entryOf(article, previous)) });
    // Named by content: identical segments in two generations are the same file, and names never collide.
    const name = `${sha256(text).slice(0, 32)}.json`;
    written.push({ name, entries: group.length, text });
    for (const article of group) segmentOf.set(article.file, name);
  }
  return { linked, written, segmentOf };
}

/**
 * Checks a committed generation before it may become current: the manifest reads back as written, the new
 * files hash as they should, counts agree, and the vectors answer a smoke query with the probe itself.
 */
