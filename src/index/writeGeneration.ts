import type { BuildCheckpoint, BuildProgress, PlannedArticle } from './buildTypes.js';
import type { ScannedCorpus } from './corpusScan.js';
import type { GenerationWriter } from './generations.js';
import { FILES, SCHEMA_VERSION, segmentFiles, type CorpusStats, type Manifest } from './manifest.js';
import { pipelineFingerprint } from './pipelineFingerprint.js';
import type { GraphPlan } from './planGraph.js';
import { planSegments, writeSegment, type Placement } from './planSegments.js';
import type { PreviousGeneration } from './previousGeneration.js';

export interface GenerationContent {
  planned: PlannedArticle[];
  previous: PreviousGeneration | undefined;
  /** The generation `CURRENT` named before this build (where a rollback goes). */
  previousName: string | undefined;
  scanned: ScannedCorpus;
  graphPlan: GraphPlan;
  /** New facts to write, or undefined to share the previous generation's. */
  extras: Record<string, unknown> | undefined;
  embedder: { id: string; dimensions: number };
  enricherVersion: string | undefined;
  builtAt: string;
  progress: (progress: BuildProgress) => void;
  checkpoint: (point: BuildCheckpoint) => void | Promise<void>;
}

/**
 * Writes every file of a new generation through `writer`: shared files of the previous generation are linked,
 * new segments written one at a time (a full build of a large corpus never holds all their bytes at once), and
 * the manifest last. Returns the manifest and the segments it wrote.
 */
export async function writeGeneration(
  writer: GenerationWriter,
  content: GenerationContent,
): Promise<{ manifest: Manifest; writtenSegments: string[] }> {
  const { planned, previous, graphPlan, progress, checkpoint } = content;
  const shareFromPrevious = async (file: string): Promise<void> => {
    const checksum = previous?.manifest.checksums[file];
    if (!previous || !checksum) throw new Error(`internal: no previous ${file} to share`);
    await writer.link(file, previous.directory, checksum);
  };

  const segmentPlan = planSegments(planned, previous);
  for (const segment of segmentPlan.linked) {
    for (const file of Object.values(segmentFiles(segment.name))) await shareFromPrevious(file);
  }
  const placements = new Map<string, Placement>();
  const written: Manifest['segments'] = [];
  for (const group of segmentPlan.groups) {
    const result = await writeSegment(writer, group, previous);
    written.push(result.segment);
    for (const [file, placement] of result.placements) placements.set(file, placement);
    // Written: the texts this build read or chunked are not needed any more.
    for (const article of group) {
      delete article.entry;
      delete article.texts;
    }
  }
  await checkpoint('writing');
  progress({ stage: 'writing', done: 1, total: 3 });

  if (graphPlan.graph) await writer.writeGraph(graphPlan.graph);
  else await shareFromPrevious(FILES.graph);
  const { deltaVectors } = graphPlan;
  await writer.write(
    FILES.delta,
    new Uint8Array(deltaVectors.buffer, deltaVectors.byteOffset, deltaVectors.byteLength),
  );
  if (content.extras === undefined && previous) {
    await shareFromPrevious(FILES.extras);
    await shareFromPrevious(FILES.facts);
  } else {
    await writer.write(FILES.extras, JSON.stringify(content.extras ?? {}));
    const facts = Object.fromEntries(
      planned
        .filter((article) => article.facts !== undefined)
        .map((article) => [article.file, article.facts]),
    );
    await writer.write(FILES.facts, JSON.stringify(facts));
  }
  const corpusStats: CorpusStats = {
    startedAt: content.scanned.startedAt,
    identities: content.scanned.identities,
  };
  await writer.write(FILES.corpusStats, JSON.stringify(corpusStats));
  progress({ stage: 'writing', done: 2, total: 3 });

  const linkedNames = new Set(segmentPlan.linked.map((segment) => segment.name));
  const manifest = await writer.commit({
    schemaVersion: SCHEMA_VERSION,
    embedder: content.embedder,
    pipeline: pipelineFingerprint(),
    ...(content.enricherVersion === undefined ? {} : { enricher: content.enricherVersion }),
    builtAt: content.builtAt,
    ...(content.previousName ? { previous: content.previousName } : {}),
    chunkCount: planned.reduce((sum, article) => sum + article.chunkCount, 0),
    articles: planned.map((article) => {
      const placed =
        placements.get(article.file) ??
        (article.listed && linkedNames.has(article.listed.segment) ? article.listed : undefined);
      if (!placed) throw new Error(`internal: ${article.file} was written to no segment`);
      return {
        id: article.id,
        file: article.file,
        contentHash: article.contentHash,
        chunks: article.chunkCount,
        firstLabel: article.firstLabel,
        segment: placed.segment,
        entry: placed.entry,
        paragraphs: placed.paragraphs,
        metadata: placed.metadata,
        textKey: placed.textKey,
      };
    }),
    skipped: content.scanned.skipped,
    segments: [...segmentPlan.linked, ...written],
    graph: graphPlan.manifest,
  });
  progress({ stage: 'writing', done: 3, total: 3 });
  return { manifest, writtenSegments: written.map((segment) => segment.name) };
}
