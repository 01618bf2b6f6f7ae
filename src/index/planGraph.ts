// The vector layers of a new generation: share the previous graph and grow its small exact layer, merge that
// layer into the graph, or build the graph afresh when too much of it is dead.
import { labelsOf, type BuildReport, type GraphPolicy, type PlannedArticle } from './buildTypes.js';
import { HnswVectorIndex } from './hnswIndex.js';
import type { PreviousGeneration } from './previousGeneration.js';
import type { Manifest } from './manifest.js';

export interface GraphPlan {
  mode: BuildReport['graph'];
  /** A graph to write, when one was merged or rebuilt; otherwise the previous file is shared. */
  graph?: HnswVectorIndex;
  deltaVectors: Float32Array;
  manifest: Manifest['graph'];
  /** A live label and its vector, for the smoke query. */
  probe?: { label: number; vector: Float32Array; inDelta: boolean };
}

export async function planGraph(
  planned: readonly PlannedArticle[],
  previous: PreviousGeneration | undefined,
  newVectors: ReadonlyMap<number, Float32Array>,
  dimensions: number,
  policy: GraphPolicy,
  nextLabel: number,
): Promise<GraphPlan> {
  // A million labels as an array and a set cost a third of a second: only the merge and rebuild below list them.
  const liveLabels = (): number[] => planned.flatMap(labelsOf);
  const firstNew = newVectors.keys().next().value;

  if (previous) {
    const before = previous.manifest.graph;
    const liveUntil = liveRangeEnds(planned);
    const dead = new Set<number>();
    for (const article of previous.manifest.articles) {
      const range = { firstLabel: article.firstLabel, chunkCount: article.chunks };
      // An unchanged article keeps its range whole: one lookup instead of one per chunk.
      if (liveUntil(range.firstLabel) >= range.firstLabel + range.chunkCount - 1) continue;
      for (const label of labelsOf(range)) if (liveUntil(label) < label) dead.add(label);
    }
    const wasDelta = new Set(before.delta);
    const delta = [...before.delta.filter((label) => !dead.has(label)), ...newVectors.keys()];
    const deleted = [...before.deleted, ...[...dead].filter((label) => !wasDelta.has(label))];
    const deletedShare = (before.baseDeleted.length + deleted.length) / Math.max(1, before.baseCount);
    const vectorOf = (label: number): Float32Array | undefined =>
      newVectors.get(label) ?? previous.deltaVectors.get(label);

    if (deletedShare <= policy.maxDeletedFraction && delta.length <= policy.maxDeltaVectors) {
      const deltaVectors = new Float32Array(delta.length * dimensions);
      delta.forEach((label, row) => {
        const vector = vectorOf(label);
        if (!vector) throw new Error(`internal: no vector for label ${label}`);
        deltaVectors.set(vector, row * dimensions);
      });
      const probeLabel = firstNew ?? delta[0];
      const probeVector = probeLabel === undefined ? undefined : vectorOf(probeLabel);
      return {
        mode: dead.size === 0 && newVectors.size === 0 ? 'unchanged' : 'delta',
        deltaVectors,
        manifest: { ...before, nextLabel, deleted, delta },
        ...(probeLabel !== undefined && probeVector
          ? { probe: { label: probeLabel, vector: probeVector, inDelta: true } }
          : {}),
      };
    }

    const graph = await previous.loadGraph();
    if (deletedShare <= policy.maxDeletedFraction) {
      // Merge: the few new vectors join the existing graph; the dead ones are marked, which the file keeps.
      for (const label of deleted) graph.remove(label);
      graph.reserve(delta.length);
      for (const label of delta) {
        const vector = vectorOf(label);
        if (!vector) throw new Error(`internal: no vector for label ${label}`);
        graph.add(vector, label);
      }
      const probeLabel = firstNew ?? planned.find((article) => article.chunkCount > 0)?.firstLabel;
      return {
        mode: 'merged',
        graph,
        deltaVectors: new Float32Array(0),
        manifest: {
          nextLabel,
          baseCount: graph.storedCount,
          baseDeleted: [...before.baseDeleted, ...deleted],
          deleted: [],
          delta: [],
        },
        ...probeFor(probeLabel, (label) => vectorOf(label) ?? Float32Array.from(graph.vector(label))),
      };
    }
    // Too many dead points slow every search: rebuild from the live vectors, which the old graph still holds.
    const labels = liveLabels();
    const fresh = HnswVectorIndex.create(dimensions, labels.length);
    // Each vector is read from wherever it lives as it is added: no second copy of a million of them.
    const stored = (label: number): Float32Array => vectorOf(label) ?? Float32Array.from(graph.vector(label));
    for (const label of labels) fresh.add(stored(label), label);
    return freshPlan(fresh, labels, stored, nextLabel);
  }

  const labels = liveLabels();
  const fresh = HnswVectorIndex.create(dimensions, labels.length);
  for (const label of labels) {
    const vector = newVectors.get(label);
    if (!vector) throw new Error(`internal: no vector for label ${label}`);
    fresh.add(vector, label);
  }
  return freshPlan(fresh, labels, (label) => newVectors.get(label), nextLabel);
}

/**
 * The last label of the planned article whose label range holds a label (−1 when none does), by binary search
 * over the ranges' starts.
 */
function liveRangeEnds(planned: readonly PlannedArticle[]): (label: number) => number {
  const ranges = planned
    .filter((article) => article.chunkCount > 0)
    .map((article) => ({ first: article.firstLabel, last: article.firstLabel + article.chunkCount - 1 }))
    .sort((left, right) => left.first - right.first);
  return (label) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = ranges[middle];
      if (!range) return -1;
      if (label < range.first) high = middle - 1;
      else if (label > range.last) low = middle + 1;
      else return range.last;
    }
    return -1;
  };
}

function freshPlan(
  graph: HnswVectorIndex,
  liveLabels: readonly number[],
  vectorOf: (label: number) => Float32Array | undefined,
  nextLabel: number,
): GraphPlan {
  return {
    mode: 'rebuilt',
    graph,
    deltaVectors: new Float32Array(0),
    manifest: { nextLabel, baseCount: liveLabels.length, baseDeleted: [], deleted: [], delta: [] },
    ...probeFor(liveLabels[0], vectorOf),
  };
}

function probeFor(
  label: number | undefined,
  vectorOf: (label: number) => Float32Array | undefined,
): Pick<GraphPlan, 'probe'> {
  const vector = label === undefined ? undefined : vectorOf(label);
  return label !== undefined && vector ? { probe: { label, vector, inDelta: false } } : {};
}
