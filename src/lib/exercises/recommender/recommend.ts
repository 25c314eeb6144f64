import { TOPICS, type Post, type Topic } from './posts';

/**
 * A small item-similarity recommender. Every like adds the post's tags to the learner's
 * profile, every dislike subtracts them; posts are ranked by cosine similarity between their
 * tags and the profile. In "wide" mode the feed may hold only one post per topic.
 */
export type Rating = 'like' | 'dislike';

export type Profile = Record<string, number>;

export function buildProfile(posts: readonly Post[], ratings: ReadonlyMap<string, Rating>): Profile {
	const profile: Profile = {};
	for (const post of posts) {
		const rating = ratings.get(post.id);
		if (!rating) continue;
		for (const tag of post.tags) profile[tag] = (profile[tag] ?? 0) + (rating === 'like' ? 1 : -1);
	}
	return profile;
}

/** Cosine similarity of a post's tags (each weight 1) and the profile; 0 for an empty profile. */
export function similarity(post: Post, profile: Profile): number {
	const norm = Math.sqrt(Object.values(profile).reduce((sum, w) => sum + w * w, 0));
	if (norm === 0) return 0;
	const dot = post.tags.reduce((sum, tag) => sum + (profile[tag] ?? 0), 0);
	return dot / (norm * Math.sqrt(post.tags.length));
}

/** The next feed: unrated posts, best match first (ties keep catalogue order). */
export function nextFeed(
	posts: readonly Post[],
	ratings: ReadonlyMap<string, Rating>,
	size: number,
	wide = false
): Post[] {
	const profile = buildProfile(posts, ratings);
	const ranked = posts
		.map((post, order) => ({ post, order, score: similarity(post, profile) }))
		.filter(({ post }) => !ratings.has(post.id))
		.sort((a, b) => b.score - a.score || a.order - b.order)
		.map(({ post }) => post);
	if (!wide) return ranked.slice(0, size);
	const seen = new Set<Topic>();
	return ranked.filter((post) => !seen.has(post.topic) && seen.add(post.topic)).slice(0, size);
}

/** How varied a feed is: distinct topics as a whole percent of the most it could have. */
export function diversity(feed: readonly Post[]): { topics: Topic[]; percent: number } {
	const topics = [...new Set(feed.map((p) => p.topic))];
	const most = Math.min(feed.length, TOPICS.length);
	return { topics, percent: most === 0 ? 0 : Math.round((100 * topics.length) / most) };
}
