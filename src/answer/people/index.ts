export { extractPeople } from './extractPeople.js';
export { closestPeople, findPerson, matchScore, mentionPattern, suggestPeople } from './lookup.js';
