import { countryStandIns } from '../src/answer/countryNames.js';
const t = (word: string) => ({ word, stem: word, family: word, weight: 1, proper: true, verb: false });
console.log(countryStandIns(['japanes', 'french', 'us', 'uk', 'american', 'peruvian', 'mexico', 'china', 'prc', 'georgia', 'sa', 'congolese'].map(t)));
