/**
 * Reads back what a timeline SVG shows, as text: its date groups in order with their markers and event labels,
 * and its other labels by class. The SVG is the renderer's own, so a few patterns read it reliably.
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
  const groups: DumpedGroup[] = [];
  for (const match of svg.matchAll(
    /<g class="date-group" data-date="([^"]+)" data-inferred="(true|false)">(.*?)<\/g>/g,
  )) {
    const body = match[3] ?? '';
    const dateLabel = /<text class="date"[^>]*>(.*?)<\/text>/.exec(body)?.[1] ?? '';
    const events = [...body.matchAll(/<text class="event" data-index="(\d+)"[^>]*>(.*?)<\/text>/g)].map(
      (event) => ({ index: Number(event[1]), label: unescapeXml(event[2] ?? '') }),
    );
    groups.push({
      date: match[1] ?? '',
      inferred: match[2] === 'true',
      dateLabel: unescapeXml(dateLabel),
      events,
    });
  }
  return groups;
}

export function textsOfClass(svg: string, className: string): string[] {
  const pattern = new RegExp(`<text class="${className}"[^>]*>(.*?)</text>`, 'g');
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
