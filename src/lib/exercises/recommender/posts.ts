/**
 * The posts of the recommender exercise: a topic each and a few tags the recommender compares.
 * Their words are in the `exercises` strings (`recommender.posts.<id>`). The order mixes
 * topics, so a feed with no likes yet starts varied, like a new account's.
 */
export const TOPICS = [
	'cricket',
	'recipes',
	'farming',
	'politics',
	'dramas',
	'religion',
	'tech',
	'health'
] as const;

export type Topic = (typeof TOPICS)[number];

export interface Post {
	id: string;
	topic: Topic;
	tags: readonly string[];
}

const p = (id: string, topic: Topic, ...tags: string[]): Post => ({ id, topic, tags: [topic, ...tags] });

export const POSTS: readonly Post[] = [
	p('psl-final', 'cricket', 'sport', 'entertainment'),
	p('biryani', 'recipes', 'food', 'family'),
	p('wheat-sowing', 'farming', 'weather', 'village'),
	p('budget-debate', 'politics', 'news', 'money'),
	p('new-drama', 'dramas', 'entertainment', 'family'),
	p('jummah-reminder', 'religion', 'family'),
	p('phone-battery', 'tech', 'tips'),
	p('dengue-season', 'health', 'weather', 'news'),
	p('babar-century', 'cricket', 'sport', 'news'),
	p('nihari', 'recipes', 'food'),
	p('drip-irrigation', 'farming', 'tips', 'money'),
	p('local-elections', 'politics', 'news', 'village'),
	p('drama-ost', 'dramas', 'entertainment', 'music'),
	p('ramzan-timings', 'religion', 'food'),
	p('freelancing', 'tech', 'money', 'tips'),
	p('walking-daily', 'health', 'sport', 'tips'),
	p('test-series', 'cricket', 'sport'),
	p('lassi', 'recipes', 'food', 'village'),
	p('cotton-prices', 'farming', 'money', 'news'),
	p('assembly-session', 'politics', 'news'),
	p('drama-review', 'dramas', 'entertainment'),
	p('charity-drive', 'religion', 'family', 'news'),
	p('ai-tools', 'tech', 'news', 'tips'),
	p('clean-water', 'health', 'village', 'family'),
	p('street-cricket', 'cricket', 'sport', 'family'),
	p('daal-chawal', 'recipes', 'food', 'money'),
	p('kitchen-garden', 'farming', 'food', 'tips'),
	p('party-rally', 'politics', 'news', 'entertainment')
];
