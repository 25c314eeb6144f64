/**
 * Made-up past decisions for the bias lab, generated from a seed so every phone shows the same
 * numbers. The bias is built into the history on purpose: group B applicants were approved
 * only with a score of 9 or more, group A with 5 or more. The model is never shown the group,
 * but `area` (where someone lives) matches the group 9 times in 10 — a proxy.
 */
export type Group = 'a' | 'b';

export interface Applicant {
	group: Group;
	/** 1–10: repayment record for a loan, skills test for a job. */
	score: number;
	/** 1 = lives in the area where most group B families live. */
	area: 0 | 1;
	approved: boolean;
}

/** mulberry32: a tiny, well-known seeded random generator (same numbers on every device). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PROXY_MATCH = 0.92;
const PASS_MARK: Record<Group, number> = { a: 5, b: 9 };

function applicant(group: Group, score: number, random: () => number): Applicant {
	const inGroupArea = random() < PROXY_MATCH;
	const area = (group === 'b') === inGroupArea ? 1 : 0;
	return { group, score, area, approved: score >= PASS_MARK[group] };
}

const randomScore = (random: () => number) => 1 + Math.floor(random() * 10);

/** Past decisions to learn from: 60% group A, 40% group B, same spread of scores. */
export function pastDecisions(seed: number, count = 400): Applicant[] {
	const random = seededRandom(seed);
	return Array.from({ length: count }, (_, i) =>
		applicant(i % 5 < 3 ? 'a' : 'b', randomScore(random), random)
	);
}

/**
 * New applicants to judge, in pairs with the same score, one from each group — so any gap in
 * approvals comes from the model, not from one group scoring better.
 */
export function newApplicants(seed: number, pairs = 100): Applicant[] {
	const random = seededRandom(seed);
	return Array.from({ length: pairs }).flatMap(() => {
		const score = randomScore(random);
		return [applicant('a', score, random), applicant('b', score, random)];
	});
}
