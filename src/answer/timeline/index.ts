export { extractTimeline } from './extractTimeline.js';
export { mergeEventPrecisions } from './mergeEvents.js';
export { filterTimeline, type TimelineFilter } from './filterTimeline.js';
export { resolveDates, type ResolvedDate, type ResolveOptions } from './resolveDates.js';
