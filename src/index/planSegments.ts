// Which segment files of a new generation are shared with the previous one and which are written.
import { textKey } from '../corpus/textKey.js';
import { entryOf, type PlannedArticle } from './buildTypes.js';
import type { GenerationWriter } from './generations.js';
import { segmentFiles, sha256, type Manifest } from './manifest.js';
import type { PreviousGeneration } from './previousGeneration.js';
import { renderSegment, type SegmentEntry } from './segments.js';
import { renderTermFile } from './termFile.js';

/** Articles per new segment file: small enough that rewriting one to drop dead entries stays cheap. */
const SEGMENT_ENTRIES = 1000;
/** A segment with fewer live entries than this share is rewritten rather than shared. */
const SEGMENT_MIN_LIVE = 0.5;
/** Beyond this many segment files, the smallest are merged: each costs a read and a parse at every load. */
const MAX_SEGMENTS = 48;

type ManifestSegment = Manifest['segments'][number];

export interface SegmentPlan {
  /** Previous segments shared as they are (both files linked). */
  linked: ManifestSegment[];
  /** Articles to write into new segments, one group a segment, in corpus order. */
  groups: PlannedArticle[][];
}

/**
 * Shares every previous segment that is still mostly live; puts new and changed articles, and the live articles
 * of mostly-dead or surplus small segments, into groups to write as new segments.
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
  const linked: ManifestSegment[] = [];
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
  const ordered = planned.filter((article) => rewrite.has(article));
  const groups: PlannedArticle[][] = [];
  for (let first = 0; first < ordered.length; first += SEGMENT_ENTRIES) {
    groups.push(ordered.slice(first, first + SEGMENT_ENTRIES));
  }
  return { linked, groups };
}

/** How the manifest lists a written article: its segment, the byte range of its line, and its summary. */
export type Placement = Pick<
  Manifest['articles'][number],
  'segment' | 'entry' | 'paragraphs' | 'metadata' | 'textKey'
>;

/**
 * Writes one group as a new segment: its `.jsonl` (named by content, so identical segments in two generations are
 * the same file and names never collide) and its `.terms`. Returns the segment and where each article went.
 */
export async function writeSegment(
  writer: GenerationWriter,
  group: readonly PlannedArticle[],
  previous: PreviousGeneration | undefined,
): Promise<{ segment: ManifestSegment; placements: Map<string, Placement> }> {
  const entries: SegmentEntry[] = [];
  for (const article of group) entries.push(await entryOf(article, previous));
  const { bytes, ranges } = renderSegment(entries);
  const name = sha256(bytes).slice(0, 32);
  const chunks = entries.flatMap((entry, line) =>
    entry.chunks.map(([label, paragraph, start, end]) => ({
      label,
      entry: line,
      paragraph,
      start,
      end,
      text: entry.article.text.slice(start, end),
    })),
  );
  const files = segmentFiles(name);
  await writer.write(files.entries, bytes);
  await writer.write(files.terms, renderTermFile(chunks));
  const placements = new Map<string, Placement>();
  entries.forEach(({ article }, line) =>
    placements.set(article.file, {
      segment: name,
      entry: ranges[line] ?? [0, 0],
      paragraphs: article.paragraphs.length,
      metadata: article.metadata,
      textKey: textKey(article.paragraphs.map(([, start, end]) => article.text.slice(start, end))),
    }),
  );
  return { segment: { name, entries: group.length, chunks: chunks.length }, placements };
}
