import { SingleBar, Presets } from 'cli-progress';
import type { BuildProgress } from '../index/index.js';

const STAGE_LABELS: Record<BuildProgress['stage'], string> = {
  loading: 'reading corpus',
  embedding: 'embedding',
  writing: 'writing index',
  verifying: 'verifying',
  swapping: 'switching over',
};

/**
 * A progress bar on stderr (stdout belongs to answers and JSON). Drawn only on a terminal: in CI or a pipe it
 * would fill logs with redraws, so there it prints one line a stage.
 */
export function createProgressReporter(): { update: (progress: BuildProgress) => void; stop: () => void } {
  const interactive = process.stderr.isTTY && !process.env['CI'];
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: '{stage} [{bar}] {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let stage: BuildProgress['stage'] | undefined;
  return {
    update(progress) {
      if (progress.stage !== stage) {
        stage = progress.stage;
        if (interactive) {
          bar.stop();
          bar.start(progress.total, progress.done, { stage: STAGE_LABELS[progress.stage].padEnd(14) });
        } else {
          process.stderr.write(`index: ${STAGE_LABELS[progress.stage]}…\n`);
        }
      } else if (interactive) {
        bar.setTotal(progress.total);
        bar.update(progress.done);
      }
    },
    stop() {
      if (interactive) bar.stop();
    },
  };
}
