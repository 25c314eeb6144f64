/** Each scenario uses its own seed, so a learner who tries both sees two different histories. */
export const SCENARIO_SEEDS = {
	loan: { history: 2025, applicants: 7 },
	hiring: { history: 1947, applicants: 14 }
} as const;

export type Scenario = keyof typeof SCENARIO_SEEDS;
