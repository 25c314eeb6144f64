import type { Applicant, Group } from './history';

/**
 * The bias lab's model: for a new applicant it finds past applicants with the same values in
 * the columns it may use (nearest neighbours at distance 0) and copies their majority
 * decision. It never sees the group; whether it sees `area` is the learner's choice.
 */
export interface ModelOptions {
	useArea: boolean;
}

export type Model = (applicant: Applicant) => boolean;

const key = (a: Applicant, useArea: boolean) => (useArea ? `${a.score}|${a.area}` : `${a.score}`);

export function trainModel(history: readonly Applicant[], { useArea }: ModelOptions): Model {
	const tally = new Map<string, { yes: number; all: number }>();
	const count = (k: string, approved: boolean) => {
		const t = tally.get(k) ?? { yes: 0, all: 0 };
		t.all++;
		if (approved) t.yes++;
		tally.set(k, t);
	};
	for (const a of history) {
		count(key(a, useArea), a.approved);
		count(key(a, false), a.approved); // fallback when no look-alike has the same area
	}
	return (a) => {
		const t = tally.get(key(a, useArea)) ?? tally.get(key(a, false));
		return t !== undefined && t.yes * 2 > t.all;
	};
}

export interface GroupRate {
	group: Group;
	applicants: number;
	approved: number;
	/** Whole percent. */
	rate: number;
}

/** Approval rate per group: from the model's decisions, or from history when no model. */
export function approvalRates(applicants: readonly Applicant[], model?: Model): GroupRate[] {
	return (['a', 'b'] as const).map((group) => {
		const rows = applicants.filter((a) => a.group === group);
		const approved = rows.filter((a) => (model ? model(a) : a.approved)).length;
		return {
			group,
			applicants: rows.length,
			approved,
			rate: Math.round((100 * approved) / (rows.length || 1))
		};
	});
}

/** Percentage points between the groups' approval rates. */
export function rateGap(rates: readonly GroupRate[]): number {
	return Math.abs((rates[0]?.rate ?? 0) - (rates[1]?.rate ?? 0));
}
