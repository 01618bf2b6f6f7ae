// How long the /timeline picture takes to draw: SVG layout, rasterising with resvg, PNG encoding, for 30 events.
//
//   npx tsx scripts/bench-timeline.ts [--events 30] [--rounds 60]
//
// `runTimelineBench` is exported for scripts/bench.ts. The events are the seed corpus's timeline (its real
// descriptions, dates and inferred markers), repeated a year later until there are enough, so the picture has
// the length and mix of a real one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { enrichArticles } from '../src/answer/knowledge.js';
import type { TimelineEvent } from '../src/answer/types.js';
import { loadCorpus } from '../src/corpus/load.js';
import { renderTimelinePng, timelineSvg } from '../src/render/timelineChart.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P50_MS = 50;

export interface TimelineBenchOptions {
  /** Events in the picture. Default 30. */
  events?: number;
  /** Timed renders; the median is the figure. Default 60. */
  rounds?: number;
}

function laterBy(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

async function benchEvents(count: number): Promise<TimelineEvent[]> {
  const corpus = await loadCorpus(path.join(ROOT, 'corpus'));
  const { timeline } = enrichArticles(corpus.articles) as { timeline: TimelineEvent[] };
  if (timeline.length === 0) throw new Error('the seed corpus has no dated events');
  const events: TimelineEvent[] = [];
  for (let round = 0; events.length < count; round += 1) {
    for (const event of timeline) {
      if (events.length === count) break;
      events.push({ ...event, date: laterBy(event.date, round) });
    }
  }
  return events.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

/**
 * Milliseconds per picture (wall-clock p50, p90, max; CPU time p50), the SVG layout's share, and the picture's
 * size. Wall-clock time grows with whatever else runs on the machine; CPU time does not.
 */
export async function runTimelineBench(
  options: TimelineBenchOptions = {},
): Promise<Record<string, number | string>> {
  const count = options.events ?? 30;
  const rounds = options.rounds ?? 60;
  const events = await benchEvents(count);
  // The first render loads the native renderer and parses the fonts: start-up, not the per-picture cost.
  for (let warm = 0; warm < 5; warm += 1) await renderTimelinePng(events);
  const totals: number[] = [];
  const cpu: number[] = [];
  const layouts: number[] = [];
  let picture = await renderTimelinePng(events);
  for (let round = 0; round < rounds; round += 1) {
    const layoutStart = performance.now();
    timelineSvg(events);
    layouts.push(performance.now() - layoutStart);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    picture = await renderTimelinePng(events);
    totals.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((left, right) => left - right);
  totals.sort((left, right) => left - right);
  layouts.sort((left, right) => left - right);
  const p50 = percentile(totals, 0.5);
  return {
    events: count,
    'picture p50 ms': p50,
    'picture p90 ms': percentile(totals, 0.9),
    'picture max ms': totals.at(-1) ?? Number.NaN,
    // CPU time of every thread of the process: what a picture costs, whatever else the machine is doing.
    'CPU per picture p50 ms': percentile(cpu, 0.5),
    'of which SVG layout p50 ms': percentile(layouts, 0.5),
    'PNG KB': picture.png.length / 1024,
    size: `${picture.width}×${picture.height}`,
    target: `p50 ≤ ${TARGET_P50_MS} ms ${p50 <= TARGET_P50_MS ? '✓' : '✗'}`,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '30' }, rounds: { type: 'string', default: '60' } },
  });
  const result = await runTimelineBench({ events: Number(values.events), rounds: Number(values.rounds) });
  for (const [name, value] of Object.entries(result)) {
    process.stdout.write(`${name.padEnd(28)} ${typeof value === 'number' ? value.toFixed(2) : value}\n`);
  }
}
