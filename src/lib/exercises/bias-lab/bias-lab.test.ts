import { describe, expect, it } from 'vitest';
import { newApplicants, pastDecisions, seededRandom } from './history';
import { approvalRates, rateGap, trainModel } from './look-alike-model';
import { SCENARIO_SEEDS } from './scenarios';

describe('bias lab', () => {
	it('generates the same history on every device', () => {
		expect(seededRandom(1)()).toBe(seededRandom(1)());
		expect(pastDecisions(2025).slice(0, 3)).toEqual(pastDecisions(2025).slice(0, 3));
		expect(pastDecisions(2025)).toHaveLength(400);
		expect(newApplicants(7)).toHaveLength(200);
	});

	it('uses area as a proxy: it matches the group about 9 times in 10', () => {
		const history = pastDecisions(SCENARIO_SEEDS.loan.history);
		const matches = history.filter((a) => (a.group === 'b') === (a.area === 1)).length;
		expect(matches / history.length).toBeGreaterThan(0.85);
	});

	for (const [scenario, seeds] of Object.entries(SCENARIO_SEEDS)) {
		it(`${scenario}: a group-blind model still shows a gap of 30+ points until the proxy goes`, () => {
			const history = pastDecisions(seeds.history);
			const applicants = newApplicants(seeds.applicants);
			expect(rateGap(approvalRates(history))).toBeGreaterThanOrEqual(30);

			const skewed = approvalRates(applicants, trainModel(history, { useArea: true }));
			expect(rateGap(skewed)).toBeGreaterThanOrEqual(30);
			expect(skewed[0]!.rate).toBeGreaterThan(skewed[1]!.rate);

			const balanced = approvalRates(applicants, trainModel(history, { useArea: false }));
			expect(rateGap(balanced)).toBeLessThan(10);
		});
	}

	it('reports fixed rates for the loan scenario', () => {
		const { history, applicants } = SCENARIO_SEEDS.loan;
		expect(approvalRates(pastDecisions(history)).map((r) => r.rate)).toEqual([51, 21]);
		const model = trainModel(pastDecisions(history), { useArea: true });
		expect(approvalRates(newApplicants(applicants), model)).toEqual([
			{ group: 'a', applicants: 100, approved: 65, rate: 65 },
			{ group: 'b', applicants: 100, approved: 28, rate: 28 }
		]);
	});

	it('falls back to score alone when no past applicant shares the area, and rejects the unknown', () => {
		const model = trainModel([{ group: 'a', score: 6, area: 0, approved: true }], { useArea: true });
		expect(model({ group: 'b', score: 6, area: 1, approved: false })).toBe(true);
		expect(model({ group: 'b', score: 2, area: 1, approved: false })).toBe(false);
	});
});
