import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HnswVectorIndex } from './hnswIndex.js';
import { LayeredVectorIndex } from './layeredVectorIndex.js';
import { FILES, segmentFiles, sha256, type Manifest } from './manifest.js';
import type { GraphPlan } from './planGraph.js';

export async function verifyGeneration(
  directory: string,
  manifest: Manifest,
  manifestFileChecksum: string,
  graphPlan: GraphPlan,
  writtenSegments: readonly string[],
): Promise<void> {
  if (sha256(await readFile(path.join(directory, FILES.manifest))) !== manifestFileChecksum) {
    throw new Error('the manifest did not read back as written');
  }
  for (const file of [
    FILES.delta,
    FILES.extras,
    FILES.facts,
    FILES.corpusStats,
    ...writtenSegments.flatMap((name) => Object.values(segmentFiles(name))),
  ]) {
    if (sha256(await readFile(path.join(directory, file))) !== manifest.checksums[file]) {
      throw new Error(`${file} did not read back as written`);
    }
  }
  const { graph, dimensions } = { graph: manifest.graph, dimensions: manifest.embedder.dimensions };
  const listed = manifest.articles.reduce((sum, article) => sum + article.chunks, 0);
  const inGraph = graph.baseCount - graph.baseDeleted.length - graph.deleted.length + graph.delta.length;
  if (listed !== manifest.chunkCount || inGraph !== manifest.chunkCount) {
    throw new Error(
      `counts disagree: ${manifest.chunkCount} chunks, ${listed} listed, ${inGraph} in the graph`,
    );
  }
  const { probe } = graphPlan;
  if (!probe) return;
  if (probe.inDelta) {
    const rowOfLabel = new Int32Array(graph.nextLabel).fill(-1);
    graph.delta.forEach((label, row) => (rowOfLabel[label] = row));
    const deltaVectors = new LayeredVectorIndex(
      dimensions,
      undefined,
      { labels: graph.delta, vectors: graphPlan.deltaVectors },
      { rowOfLabel, hasDeadLabels: false },
    );
    const hit = deltaVectors.search(probe.vector, 1)[0];
    if (!hit || hit.similarity < 0.999) {
      throw new Error('the smoke query did not find a new vector');
    }
    return;
  }
  // Read back from disk: proves the file hnswlib wrote is complete, not just the graph in memory.
  const written = await HnswVectorIndex.load(path.join(directory, FILES.graph), dimensions, {
    deletedInFile: graph.baseDeleted,
  });
  if (written.storedCount !== graph.baseCount) throw new Error('the written graph has the wrong size');
  const hit = written.search(probe.vector, 1)[0];
  if (!hit || hit.similarity < 0.999) throw new Error('the smoke query did not find its own vector');
}
