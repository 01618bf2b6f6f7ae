import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/answer/types.js';
import { textWidth } from '../../src/render/fonts.js';
import { CHART_WIDTH, renderTimelinePng, timelineSvg } from '../../src/render/timelineChart.js';
import { eventDateLabel } from '../../src/render/timelineText.js';
import { dumpGroups, glyphCount, markers, textsOfClass } from './svgDump.js';

function event(date: string, what: string, inferred = false): TimelineEvent {
  const granularity = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return {
    date,
    granularity,
    inferred,
    what,
    people: [],
    citations: [{ article: 'a', paragraph: 1, text: `${what}.` }],
  };
}

/** A timeline like the seed's: years, months and days, stated and inferred, several events on one date. */
const EVENTS: TimelineEvent[] = [
  event('2022', 'Chávez served as Minister of Labor and then as Minister of Culture'),
  event('2022-11', 'Castillo appointed Chávez as Prime Minister', true),
  event('2022-12-07', 'Castillo’s failed coup attempt'),
  event('2023-06', 'Peruvian courts ordered preventive detention'),
  event('2025-11-03', 'Peru broke diplomatic ties with Mexico', true),
  event('2025-11-03', 'The Mexican Embassy in Lima granted asylum to Betssy Chávez Chino', true),
  event('2025-11-03', 'The foreign minister spoke to reporters'),
  event('2026-04', 'Peru holds a new election'),
];

const ELLIPSIS = '…';

describe('timelineSvg', () => {
  it('GIVEN events THEN the picture lists every one under its date, in order, inferred dates marked ≈', () => {
    const { svg, drawn, total } = timelineSvg(EVENTS);
    const groups = dumpGroups(svg);
    expect(drawn).toBe(EVENTS.length);
    expect(total).toBe(EVENTS.length);
    expect(groups.flatMap((group) => group.events.map((entry) => entry.index))).toEqual(
      EVENTS.map((_, index) => index),
    );
    for (const group of groups) {
      for (const { index, label } of group.events) {
        const source = EVENTS[index];
        expect(group.date).toBe(source?.date);
        expect(group.inferred).toBe(source?.inferred);
        expect(group.dateLabel).toBe(eventDateLabel(group));
        // A label is the description, or its start cut at a word and marked with an ellipsis.
        if (label.endsWith(ELLIPSIS)) expect(source?.what.startsWith(label.slice(0, -1))).toBe(true);
        else expect(label).toBe(source?.what);
      }
    }
    expect(groups.map((group) => group.dateLabel)).toEqual([
      '2022',
      '≈ Nov 2022',
      '7 Dec 2022',
      'Jun 2023',
      '≈ 3 Nov 2025',
      '3 Nov 2025',
      'Apr 2026',
    ]);
  });

  it('GIVEN labels THEN each is drawn with one outline for each of its visible characters', () => {
    const { svg } = timelineSvg(EVENTS);
    const labels = textsOfClass(svg, 'event');
    expect(glyphCount(svg, 'event')).toEqual(labels.map((label) => [...label.replace(/\s/g, '')].length));
  });

  it('GIVEN inferred and stated dates THEN inferred markers are hollow and stated ones filled', () => {
    const { svg } = timelineSvg(EVENTS, { theme: 'light' });
    const drawnMarkers = markers(svg);
    expect(drawnMarkers).toHaveLength(dumpGroups(svg).length);
    expect(drawnMarkers.filter((marker) => marker.inferred)).toHaveLength(2);
    for (const marker of drawnMarkers) expect(marker.fill === '#ffffff').toBe(marker.inferred);
  });

  it('GIVEN a long description THEN its label is cut at a word and fits the picture', () => {
    const long = event('2024-05-06', 'The committee '.repeat(20).trim());
    const { svg } = timelineSvg([long]);
    const [label = ''] = textsOfClass(svg, 'event');
    expect(label.endsWith(ELLIPSIS)).toBe(true);
    expect(
      label
        .slice(0, -1)
        .trim()
        .split(' ')
        .every((word) => word === 'The' || word === 'committee'),
    ).toBe(true);
    expect(textWidth(label, 24)).toBeLessThan(CHART_WIDTH / 1.2);
  });

  it('GIVEN a span of years, of months and of days THEN the ticks mark years, months and days', () => {
    const ticks = (events: TimelineEvent[]) => textsOfClass(timelineSvg(events).svg, 'tick');
    expect(ticks(EVENTS)).toContain('2024');
    expect(ticks(EVENTS).every((tick) => /^(\d{4}|[A-Z][a-z]{2})$/.test(tick))).toBe(true);
    const months = ticks([event('2024-02-03', 'a'), event('2024-09-20', 'b')]);
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((tick) => /^[A-Z][a-z]{2}$/.test(tick))).toBe(true);
    const days = ticks([event('2024-03-04', 'a'), event('2024-03-09', 'b')]);
    expect(days.every((tick) => /^\d{1,2} Mar$/.test(tick))).toBe(true);
  });

  it('GIVEN a filter THEN the caption names the person, the article and the dates', () => {
    const { svg } = timelineSvg(EVENTS, {
      filter: { person: 'Betssy Chávez', article: 'in “Peru breaks ties”', range: 'from 2022 to Nov 2025' },
    });
    expect(textsOfClass(svg, 'title')).toEqual(['Timeline · Betssy Chávez']);
    expect(textsOfClass(svg, 'filter')).toEqual(['in “Peru breaks ties”', 'from 2022 to Nov 2025']);
    expect(textsOfClass(svg, 'summary')).toEqual(['8 events · 2022 – Apr 2026']);
  });

  it('GIVEN more events than it draws THEN it says how many are left out', () => {
    const many = Array.from({ length: 12 }, (_, index) =>
      event(`2024-03-${String(index + 1).padStart(2, '0')}`, `Event ${index + 1}`),
    );
    const chart = timelineSvg(many, { maxEvents: 5 });
    expect(chart).toMatchObject({ drawn: 5, total: 12 });
    expect(textsOfClass(chart.svg, 'note')).toEqual(['+7 later events not drawn: narrow the filter']);
    expect(textsOfClass(chart.svg, 'summary')[0]).toMatch(/^12 events/);
  });

  it('GIVEN markup characters in a description THEN they are escaped and the picture still renders', async () => {
    const tricky = event('2024-03-04', 'Profits <rose> & "fell" at O’Brien’s');
    expect(textsOfClass(timelineSvg([tricky]).svg, 'event')).toEqual([tricky.what]);
    const picture = await renderTimelinePng([tricky]);
    expect(PNG.sync.read(picture.png).width).toBe(CHART_WIDTH);
  });
});

describe('renderTimelinePng', () => {
  it('GIVEN events THEN the PNG decodes at the size of the chart, is small enough to send, and is not blank', async () => {
    const picture = await renderTimelinePng(EVENTS);
    const decoded = PNG.sync.read(picture.png);
    expect(decoded.width).toBe(picture.width);
    expect(decoded.height).toBe(picture.height);
    expect(picture.width).toBe(CHART_WIDTH);
    expect(picture.height).toBeGreaterThan(400);
    expect(picture.png.length).toBeGreaterThan(10_000);
    expect(picture.png.length).toBeLessThan(1_000_000);
    for (let alpha = 3; alpha < decoded.data.length; alpha += 4 * 101) expect(decoded.data[alpha]).toBe(255);
    const colours = new Set<number>();
    for (let offset = 0; offset < decoded.data.length; offset += 4 * 97)
      colours.add(decoded.data.readUInt32BE(offset));
    expect(colours.size).toBeGreaterThan(20);
  });

  it('GIVEN the same events twice THEN the pictures are identical to the byte', async () => {
    const [first, second] = await Promise.all([renderTimelinePng(EVENTS), renderTimelinePng(EVENTS)]);
    expect(first.png.equals(second.png)).toBe(true);
  });

  it('GIVEN no events THEN it still draws an empty timeline rather than failing', async () => {
    const picture = await renderTimelinePng([]);
    expect(PNG.sync.read(picture.png).height).toBe(picture.height);
  });
});
