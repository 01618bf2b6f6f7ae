import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TimelineEvent } from '../answer/types.js';
import { InputError } from '../errors.js';
import { renderTimelinePng, type ChartTheme } from '../render/timelineChart.js';
import { filterWordsFor } from '../render/timelineText.js';
import type { ArticleBot, TimelineFilter } from '../service.js';

/** Where the terminal chat writes `/timeline --png` when no file is named: the folder it was started in. */
const DEFAULT_PICTURE_FILE = 'timeline.png';

export interface WrittenPicture {
  /** Absolute path of the PNG written. */
  file: string;
  width: number;
  height: number;
  drawn: number;
}

/** Draws the events as the timeline picture and writes it to `file`; a file that cannot be written says so plainly. */
export async function writeTimelinePicture(
  bot: ArticleBot,
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
  file: string,
  theme: ChartTheme = 'dark',
): Promise<WrittenPicture> {
  const picture = await renderTimelinePng(events, { theme, filter: filterWordsFor(bot, filter) });
  const absolute = path.resolve(file);
  try {
    await writeFile(absolute, picture.png);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`Could not write the timeline picture to ${absolute}: ${reason}`);
  }
  return { file: absolute, width: picture.width, height: picture.height, drawn: picture.drawn };
}

export function describeWrittenPicture(picture: WrittenPicture, events: number): string {
  const drawn =
    picture.drawn < events ? `, the first ${picture.drawn} of ${events} events` : `, ${events} events`;
  return `Timeline picture written to ${picture.file} (${picture.width}×${picture.height}${drawn}).`;
}

/**
 * Reads `/timeline [name] [--png [FILE.png]]` as the terminal chat gets it: words are the person, `--png`
 * asks for the picture, in FILE when the next word names a .png file.
 */
export function parseChatTimeline(argument: string): { filter: TimelineFilter; png?: string } {
  const words = argument.split(/\s+/).filter((word) => word !== '');
  const person: string[] = [];
  let png: string | undefined;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (word !== '--png') {
      person.push(word);
      continue;
    }
    const next = words[index + 1];
    if (next !== undefined && /\.png$/i.test(next)) {
      png = next;
      index += 1;
    } else png = DEFAULT_PICTURE_FILE;
  }
  const name = person.join(' ');
  return { filter: name === '' ? {} : { person: name }, ...(png === undefined ? {} : { png }) };
}
