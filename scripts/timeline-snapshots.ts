// The timeline pictures kept in docs/ for review by eye: the seed corpus's timeline in both chart themes, and how
// the picture the bot sends looks at phone size in Discord's dark and light themes.
//
//   npx tsx scripts/timeline-snapshots.ts [--corpus corpus] [--out docs]
//
// The phone view is drawn at one pixel per point, 320 points wide (the width Discord gives a picture on a
// phone): a real phone has two or three pixels per point, so what reads here reads there.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { enrichArticles } from '../src/answer/knowledge.js';
import type { TimelineEvent } from '../src/answer/types.js';
import { loadCorpus } from '../src/corpus/load.js';
import { FONT_FAMILY, FONT_FILES } from '../src/render/fonts.js';
import { renderTimelinePng, type ChartTheme } from '../src/render/timelineChart.js';

const PHONE_WIDTH = 360;
const PICTURE_WIDTH = 320;
/** Discord's chat backgrounds. */
const DISCORD_THEMES = [
  { name: 'Discord dark theme', background: '#313338', text: '#dbdee1' },
  { name: 'Discord light theme', background: '#ffffff', text: '#313338' },
] as const;

function phoneView(picture: { png: Buffer; width: number; height: number }): Buffer {
  const shownHeight = Math.round((picture.height * PICTURE_WIDTH) / picture.width);
  const height = shownHeight + 70;
  const image = `data:image/png;base64,${picture.png.toString('base64')}`;
  const frames = DISCORD_THEMES.map(
    (theme, index) =>
      `<g transform="translate(${index * (PHONE_WIDTH + 16)} 0)">` +
      `<rect width="${PHONE_WIDTH}" height="${height}" fill="${theme.background}"/>` +
      `<text x="20" y="28" font-size="15" font-weight="600" fill="${theme.text}">${theme.name}, 320 pt</text>` +
      `<image href="${image}" x="20" y="48" width="${PICTURE_WIDTH}" height="${shownHeight}"/>` +
      '</g>',
  );
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * PHONE_WIDTH + 16}" height="${height}" font-family="${FONT_FAMILY}">` +
    `${frames.join('')}</svg>`;
  const options = {
    font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.semibold] },
  };
  return new Resvg(svg, options).render().asPng();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string', default: 'corpus' }, out: { type: 'string', default: 'docs' } },
  });
  const corpus = await loadCorpus(values.corpus);
  const { timeline } = enrichArticles(corpus.articles) as { timeline: TimelineEvent[] };
  await mkdir(values.out, { recursive: true });
  const themes: ChartTheme[] = ['dark', 'light'];
  for (const theme of themes) {
    const picture = await renderTimelinePng(timeline, { theme });
    const file = path.join(values.out, `timeline-${theme}.png`);
    await writeFile(file, picture.png);
    process.stdout.write(`${file}: ${picture.width}×${picture.height}, ${picture.drawn} events\n`);
    if (theme === 'dark') {
      const phone = path.join(values.out, 'timeline-phone.png');
      await writeFile(phone, phoneView(picture));
      process.stdout.write(
        `${phone}: the dark picture (what the bot sends) at phone size in both Discord themes\n`,
      );
    }
  }
}

await main();
