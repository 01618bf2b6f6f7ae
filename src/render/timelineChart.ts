import { renderAsync } from '@resvg/resvg-js';
import { scaleUtc } from 'd3-scale';
import { utcDay, utcMonth, utcYear } from 'd3-time';
import { utcFormat } from 'd3-time-format';
import type { TimelineEvent } from '../answer/types.js';
import { fitText, textOutlines, textWidth, type FontWeight } from './fonts.js';
import { encodeOpaquePng } from './png.js';
import { dateLabel, eventDateLabel, eventPeriod, type FilterWords, type Period } from './timelineText.js';

/**
 * The timeline as a picture: an SVG drawn here (d3-scale places the dates and chooses the ticks; labels are the
 * outlines of the fonts in assets/fonts) and turned into a PNG by resvg, so the same events give the same pixels
 * on every machine.
 *
 * The layout is made to be read on a phone, where Discord shows a picture about 320 points wide: a vertical time
 * axis on the left, spaced by real time, and the events in order on the right, grouped under their date, each
 * joined to its place on the axis. A day is a dot, a month or a year a bar over its span; a date the text
 * stated is filled, one inferred from it ("on Monday", "last month") hollow and written "≈".
 */

export type ChartTheme = 'dark' | 'light';

export interface TimelineChartOptions {
  /** Default `dark`: Discord's default theme; the card is opaque, so it also reads in the light theme. */
  theme?: ChartTheme;
  /** The filter in words (`describeFilter`), shown under the title. */
  filter?: FilterWords;
  /** Events drawn at most; later ones are counted in a note under the picture, never silently dropped. */
  maxEvents?: number;
}

export interface TimelineChart {
  svg: string;
  width: number;
  height: number;
  /** Events drawn, and events given: fewer are drawn only past `maxEvents`, and the picture says so. */
  drawn: number;
  total: number;
}

export interface TimelinePicture extends Omit<TimelineChart, 'svg'> {
  png: Buffer;
}

interface Palette {
  background: string;
  border: string;
  title: string;
  text: string;
  muted: string;
  date: string;
  marker: string;
  connector: string;
  axis: string;
}

/** Contrast of text on the card is at least 7:1 (body) and 4.5:1 (muted) in both themes. */
const PALETTES: Record<ChartTheme, Palette> = {
  dark: {
    background: '#232428',
    border: '#4e5058',
    title: '#ffffff',
    text: '#e6e7e9',
    muted: '#b5bac1',
    date: '#c9cdfb',
    marker: '#8c95ff',
    connector: '#6d6f78',
    axis: '#949ba4',
  },
  light: {
    background: '#ffffff',
    border: '#c4c9ce',
    title: '#060607',
    text: '#1f2124',
    muted: '#4e5058',
    date: '#3b42a8',
    marker: '#5865f2',
    connector: '#b5bac1',
    axis: '#6d6f78',
  },
};

export const CHART_WIDTH = 640;
const PADDING = 24;
const SIZE = { title: 32, caption: 22, summary: 20, tick: 19, date: 21, label: 24 } as const;
const ROW = { date: 30, label: 32, groupGap: 9 } as const;
const MARKER_RADIUS = 7;
const BAR_WIDTH = 10;
/** Horizontal room of one marker lane beside the axis. */
const LANE_WIDTH = 13;
const DEFAULT_MAX_EVENTS = 40;

/** A run of events with one date, and one marker on the axis. */
interface DateGroup {
  date: string;
  inferred: boolean;
  period: Period;
  events: Array<{ event: TimelineEvent; index: number }>;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A label: its glyph outlines in a group that carries the words as `aria-label`, so the picture can still be
 * read (and checked) as text.
 */
function text(
  content: string,
  x: number,
  y: number,
  size: number,
  fill: string,
  extra: { weight?: FontWeight; anchor?: 'start' | 'end'; className?: string; data?: string } = {},
): string {
  const className = extra.className === undefined ? '' : ` class="${extra.className}"`;
  const glyphs = textOutlines(content, x, y, size, extra.weight ?? 'regular', extra.anchor ?? 'start');
  return `<g${className}${extra.data ?? ''} aria-label="${escapeXml(content)}" fill="${fill}">${glyphs}</g>`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Groups events (already in order) by date, stated and inferred apart since they are drawn apart. */
function groupByDate(events: readonly TimelineEvent[]): DateGroup[] {
  const groups = new Map<string, DateGroup>();
  events.forEach((event, index) => {
    const key = `${event.date}|${event.inferred}`;
    const group = groups.get(key);
    if (group) {
      group.events.push({ event, index });
      return;
    }
    const period = eventPeriod(event.date);
    if (period)
      groups.set(key, { date: event.date, inferred: event.inferred, period, events: [{ event, index }] });
  });
  return [...groups.values()];
}

const formatYear = utcFormat('%Y');
const formatMonth = utcFormat('%b');
const formatDay = utcFormat('%-d %b');

function markerKind(period: Period): 'day' | 'month' | 'year' {
  if (utcDay.offset(period.start, 1).getTime() === period.end.getTime()) return 'day';
  return utcMonth.offset(period.start, 1).getTime() === period.end.getTime() ? 'month' : 'year';
}

/** Years as "2023", months as "Jun", days as "7 Dec": the unit a tick marks decides its label. */
function tickLabel(tick: Date): string {
  if (utcMonth.floor(tick) < tick) return formatDay(tick);
  if (utcYear.floor(tick) < tick) return formatMonth(tick);
  return formatYear(tick);
}

/** The first and last day the groups cover, padded so markers at the ends do not sit on the axis's tips. */
function timeDomain(groups: readonly DateGroup[]): [Date, Date] {
  const start = new Date(Math.min(...groups.map((group) => group.period.start.getTime())));
  const end = new Date(Math.max(...groups.map((group) => group.period.end.getTime())));
  const span = end.getTime() - start.getTime();
  if (span <= 2 * 86_400_000) return [utcDay.offset(start, -3), utcDay.offset(end, 3)];
  const pad = span * 0.03;
  return [new Date(start.getTime() - pad), new Date(end.getTime() + pad)];
}

/** From the first drawable date to the last: the events come in order, so only the two ends are parsed. */
function spanLabel(events: readonly TimelineEvent[]): string {
  const drawable = (event: TimelineEvent) => eventPeriod(event.date) !== undefined;
  const first = events.find(drawable)?.date;
  const last = events.findLast(drawable)?.date;
  if (first === undefined || last === undefined) return '';
  return first === last ? dateLabel(first) : `${dateLabel(first)} – ${dateLabel(last)}`;
}

/**
 * The SVG of a timeline: title and filter, a summary with the legend, then the axis and the events. Every
 * drawn event is a `<text class="event">` inside a `<g class="date-group">` whose `data-date` and
 * `data-inferred` say its date, so the picture can be checked as text.
 */
export function timelineSvg(
  events: readonly TimelineEvent[],
  options: TimelineChartOptions = {},
): TimelineChart {
  const palette = PALETTES[options.theme ?? 'dark'];
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const drawnEvents = events.slice(0, maxEvents);
  const groups = groupByDate(drawnEvents);
  const drawn = groups.reduce((count, group) => count + group.events.length, 0);
  const width = CHART_WIDTH;
  const innerWidth = width - 2 * PADDING;
  const parts: string[] = [];

  // The header: title with the person, then the article and the dates asked for, then counts and the legend.
  let y = PADDING;
  const filter = options.filter ?? {};
  const title = filter.person === undefined ? 'Timeline' : `Timeline · ${filter.person}`;
  y += SIZE.title;
  parts.push(
    text(fitText(title, innerWidth, SIZE.title, 'semibold'), PADDING, y, SIZE.title, palette.title, {
      weight: 'semibold',
      className: 'title',
    }),
  );
  for (const line of [filter.article, filter.range]) {
    if (line === undefined) continue;
    y += SIZE.caption + 10;
    parts.push(
      text(fitText(line, innerWidth, SIZE.caption), PADDING, y, SIZE.caption, palette.muted, {
        className: 'filter',
      }),
    );
  }
  y += SIZE.summary + 14;
  const count = `${events.length} event${events.length === 1 ? '' : 's'}`;
  const summary = [count, spanLabel(events)].filter((part) => part !== '').join(' · ');
  parts.push(text(summary, PADDING, y, SIZE.summary, palette.muted, { className: 'summary' }));
  parts.push(legend(palette, PADDING + innerWidth, y));
  y += 16;
  parts.push(
    `<line x1="${PADDING}" y1="${y}" x2="${PADDING + innerWidth}" y2="${y}" stroke="${palette.border}" stroke-width="1"/>`,
  );
  const bodyTop = y + 18;

  // The rows: each date once, its events under it.
  const rowsHeight = groups.reduce(
    (height, group) => height + ROW.date + group.events.length * ROW.label + ROW.groupGap,
    -ROW.groupGap,
  );
  const bodyHeight = Math.max(rowsHeight, 120);
  const bodyBottom = bodyTop + bodyHeight;

  const scale = scaleUtc()
    .domain(groups.length > 0 ? timeDomain(groups) : [new Date(0), new Date(86_400_000)])
    .range([bodyTop + 8, bodyBottom - 8]);
  const ticks = scale.ticks(Math.max(2, Math.min(10, Math.floor(bodyHeight / 90))));
  const tickLabels = ticks.map(tickLabel);
  const axisX = PADDING + Math.max(40, ...tickLabels.map((label) => textWidth(label, SIZE.tick))) + 14;
  const textX = axisX + 50;
  const textWidthAvailable = width - PADDING - textX;

  parts.push(
    `<line class="axis" x1="${round(axisX)}" y1="${bodyTop}" x2="${round(axisX)}" y2="${bodyBottom}" stroke="${palette.axis}" stroke-width="2"/>`,
  );
  ticks.forEach((tick, index) => {
    const tickY = scale(tick);
    parts.push(
      `<line x1="${round(axisX - 7)}" y1="${round(tickY)}" x2="${round(axisX)}" y2="${round(tickY)}" stroke="${palette.axis}" stroke-width="2"/>`,
      text(tickLabels[index] ?? '', axisX - 12, tickY + SIZE.tick * 0.35, SIZE.tick, palette.muted, {
        anchor: 'end',
        className: 'tick',
      }),
    );
  });

  // Spans first, so dots and connectors are drawn over them.
  const markers: string[] = [];
  const spans: string[] = [];
  const lanesTaken = new Map<string, number>();
  let rowTop = bodyTop;
  for (const group of groups) {
    const start = scale(group.period.start);
    const end = scale(group.period.end);
    const dateRowMiddle = rowTop + ROW.date / 2;
    const granularity = markerKind(group.period);
    const markerY = (start + end) / 2;
    const inferredClass = group.inferred ? ' inferred' : '';
    // Months and days on the axis, years in a lane beside it (a year's bar would hide the months inside it);
    // the same date stated and inferred moves to the next lane, so neither marker hides the other.
    const laneKey = `${granularity} ${group.date}`;
    const repeat = lanesTaken.get(laneKey) ?? 0;
    lanesTaken.set(laneKey, repeat + 1);
    const markerX = axisX + LANE_WIDTH * ((granularity === 'year' ? 1 : 0) + repeat);
    const fill = group.inferred ? palette.background : palette.marker;
    if (granularity === 'day') {
      markers.push(
        `<circle class="marker${inferredClass}" cx="${round(markerX)}" cy="${round(markerY)}" r="${MARKER_RADIUS}" fill="${fill}" stroke="${palette.marker}" stroke-width="3"/>`,
      );
    } else {
      const barWidth = granularity === 'month' ? BAR_WIDTH : BAR_WIDTH - 4;
      const opacity = group.inferred ? 1 : granularity === 'month' ? 0.9 : 0.45;
      // Inset so that two adjacent periods (2022, 2023) read as two bars, not one.
      const top = start + 2;
      const height = Math.max(end - start - 4, barWidth);
      spans.push(
        `<rect class="marker${inferredClass}" x="${round(markerX - barWidth / 2)}" y="${round(top)}" width="${barWidth}" height="${round(height)}" rx="${barWidth / 2}" fill="${fill}" fill-opacity="${opacity}" stroke="${palette.marker}" stroke-width="2"/>`,
      );
    }
    const fromX = markerX + MARKER_RADIUS + 2;
    const toX = textX - 8;
    const middleX = (fromX + toX) / 2;
    const connector = `<path d="M${round(fromX)} ${round(markerY)} C${round(middleX)} ${round(markerY)} ${round(middleX)} ${round(dateRowMiddle)} ${round(toX)} ${round(dateRowMiddle)}" fill="none" stroke="${palette.connector}" stroke-width="1.5"/>`;

    const rows: string[] = [
      text(eventDateLabel(group), textX, rowTop + ROW.date - 8, SIZE.date, palette.date, {
        weight: 'semibold',
        className: 'date',
      }),
    ];
    let labelTop = rowTop + ROW.date;
    for (const { event, index } of group.events) {
      rows.push(
        text(
          fitText(event.what, textWidthAvailable, SIZE.label),
          textX,
          labelTop + ROW.label - 9,
          SIZE.label,
          palette.text,
          { className: 'event', data: ` data-index="${index}"` },
        ),
      );
      labelTop += ROW.label;
    }
    parts.push(
      `<g class="date-group" data-date="${group.date}" data-inferred="${group.inferred}">${connector}${rows.join('')}</g>`,
    );
    rowTop = labelTop + ROW.groupGap;
  }

  let height = bodyBottom + PADDING;
  if (drawn < events.length) {
    const note = `+${events.length - drawn} later events not drawn: narrow the filter`;
    height += SIZE.caption + 6;
    parts.push(
      text(
        fitText(note, innerWidth, SIZE.caption),
        PADDING,
        bodyBottom + 14 + SIZE.caption,
        SIZE.caption,
        palette.muted,
        {
          className: 'note',
        },
      ),
    );
  }

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(height)}" viewBox="0 0 ${width} ${Math.ceil(height)}">`,
    // Square and opaque: Discord rounds a picture's corners itself, and PNG encoding wants no transparency.
    `<rect width="${width}" height="${Math.ceil(height)}" fill="${palette.background}"/>`,
    `<rect x="1" y="1" width="${width - 2}" height="${Math.ceil(height) - 2}" fill="none" stroke="${palette.border}" stroke-width="2"/>`,
    ...parts,
    ...spans,
    ...markers,
    '</svg>',
  ].join('');
  return { svg, width, height: Math.ceil(height), drawn, total: events.length };
}

/** "● stated  ○ ≈ inferred", right-aligned at `right` on the baseline `y`. */
function legend(palette: Palette, right: number, y: number): string {
  const inferred = '≈ inferred';
  const stated = 'stated';
  const gap = 22;
  const inferredWidth = textWidth(inferred, SIZE.summary);
  const statedWidth = textWidth(stated, SIZE.summary);
  const inferredX = right - inferredWidth;
  const inferredDot = inferredX - 14;
  const statedX = inferredDot - 14 - gap - statedWidth;
  const statedDot = statedX - 14;
  const dotY = y - SIZE.summary * 0.35;
  return [
    '<g class="legend">',
    `<circle cx="${round(statedDot)}" cy="${round(dotY)}" r="6" fill="${palette.marker}" stroke="${palette.marker}" stroke-width="2.5"/>`,
    text(stated, statedX, y, SIZE.summary, palette.muted),
    `<circle cx="${round(inferredDot)}" cy="${round(dotY)}" r="6" fill="${palette.background}" stroke="${palette.marker}" stroke-width="2.5"/>`,
    text(inferred, inferredX, y, SIZE.summary, palette.muted),
    '</g>',
  ].join('');
}

/**
 * The timeline as a PNG. Rasterising and compressing run on libuv's thread pool, so the event loop stays free
 * meanwhile; the picture is opaque (a background fills it first), which `encodeOpaquePng` relies on.
 */
export async function renderTimelinePng(
  events: readonly TimelineEvent[],
  options: TimelineChartOptions = {},
): Promise<TimelinePicture> {
  const { svg, ...chart } = timelineSvg(events, options);
  const image = await renderAsync(svg, {
    // Labels arrive as outlines from the bundled fonts (fonts.ts); no font of the machine is ever looked at.
    font: { loadSystemFonts: false },
    fitTo: { mode: 'original' },
    background: PALETTES[options.theme ?? 'dark'].background,
    logLevel: 'off',
  });
  return { ...chart, png: await encodeOpaquePng(image.width, image.height, image.pixels) };
}
