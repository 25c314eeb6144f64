import { describe, expect, it } from 'vitest';
import { POSTS } from './posts';
import { buildProfile, diversity, nextFeed, similarity, type Rating } from './recommend';

const ids = (posts: { id: string }[]) => posts.map((p) => p.id);

describe('recommender', () => {
	it('starts with a varied feed when nothing is rated', () => {
		const feed = nextFeed(POSTS, new Map(), 5);
		expect(ids(feed)).toEqual(['psl-final', 'biryani', 'wheat-sowing', 'budget-debate', 'new-drama']);
		expect(diversity(feed).percent).toBe(100);
	});

	it('builds a tag profile from likes and dislikes and scores posts by cosine similarity', () => {
		const ratings = new Map<string, Rating>([
			['psl-final', 'like'],
			['budget-debate', 'dislike']
		]);
		expect(buildProfile(POSTS, ratings)).toEqual({
			cricket: 1,
			sport: 1,
			entertainment: 1,
			politics: -1,
			news: -1,
			money: -1
		});
		const post = POSTS.find((p) => p.id === 'test-series')!;
		expect(similarity(post, buildProfile(POSTS, ratings))).toBeCloseTo(2 / (Math.sqrt(6) * Math.sqrt(2)));
		expect(similarity(post, {})).toBe(0);
	});

	it('narrows the feed after two cricket likes, and widens it again on request', () => {
		const ratings = new Map<string, Rating>([
			['psl-final', 'like'],
			['babar-century', 'like']
		]);
		const narrow = nextFeed(POSTS, ratings, 5);
		expect(ids(narrow)).toEqual([
			'test-series',
			'street-cricket',
			'walking-daily',
			'party-rally',
			'assembly-session'
		]);
		// "news" came with the century post, so politics rides along with cricket.
		expect(diversity(narrow)).toEqual({ topics: ['cricket', 'health', 'politics'], percent: 60 });

		const wide = nextFeed(POSTS, ratings, 5, true);
		expect(diversity(wide).percent).toBe(100);
		expect(wide[0]?.id).toBe('test-series');
	});

	it('never shows a rated post again and stops when posts run out', () => {
		const all = new Map<string, Rating>(POSTS.map((p) => [p.id, 'dislike']));
		expect(nextFeed(POSTS, all, 5)).toEqual([]);
		expect(diversity([])).toEqual({ topics: [], percent: 0 });
	});
});
