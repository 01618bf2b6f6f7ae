/**
 * Reads back what a timeline SVG shows, as text: its date groups in order with their markers and event labels,
 * and its other labels by class. Every label is a group of glyph outlines carrying its words as `aria-label`.
 */
export interface DumpedGroup {
  date: string;
  inferred: boolean;
  dateLabel: string;
  events: Array<{ index: number; label: string }>;
}

function unescapeXml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export function dumpGroups(svg: string): DumpedGroup[] {
  const starts = [
    ...svg.matchAll(/<g class="date-group" data-date="([^"]+)" data-inferred="(true|false)">/g),
  ];
  return starts.map((start, position) => {
    const body = svg.slice(start.index, starts[position + 1]?.index ?? svg.length);
    const dateLabel = /<g class="date" aria-label="([^"]*)"/.exec(body)?.[1] ?? '';
    const events = [...body.matchAll(/<g class="event" data-index="(\d+)" aria-label="([^"]*)"/g)].map(
      (event) => ({
        index: Number(event[1]),
        label: unescapeXml(event[2] ?? ''),
      }),
    );
    return { date: start[1] ?? '', inferred: start[2] === 'true', dateLabel: unescapeXml(dateLabel), events };
  });
}

export function textsOfClass(svg: string, className: string): string[] {
  const pattern = new RegExp(`<g class="${className}"[^>]*? aria-label="([^"]*)"`, 'g');
  return [...svg.matchAll(pattern)].map((match) => unescapeXml(match[1] ?? ''));
}

/** The markers on the axis: whether each is hollow (inferred) and its fill. */
export function markers(svg: string): Array<{ inferred: boolean; fill: string }> {
  return [...svg.matchAll(/<(?:circle|rect) class="marker( inferred)?"[^>]*fill="([^"]+)"/g)].map(
    (match) => ({
      inferred: match[1] !== undefined,
      fill: match[2] ?? '',
    }),
  );
}

/** How many glyph outlines a label is drawn with. */
export function glyphCount(svg: string, className: string): number[] {
  const pattern = new RegExp(`<g class="${className}"[^>]*>((?:<path [^>]*/>)*)</g>`, 'g');
  return [...svg.matchAll(pattern)].map((match) => (match[1]?.match(/<path /g) ?? []).length);
}
