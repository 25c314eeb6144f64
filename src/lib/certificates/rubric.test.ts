import { describe, expect, it } from 'vitest';
import { criteriaBelowApproval, decisionFor, missingCriteria, parseRubric, type Rubric } from './rubric';

const good: Rubric = {
	'plans-session': 4,
	'explains-clearly': 3,
	'checks-understanding': 3,
	'includes-everyone': 4,
	'assesses-fairly': 3
};

describe('rubric', () => {
	it('approves only when every criterion is at level 3 or more', () => {
		expect(decisionFor(good)).toBe('approved');
		expect(decisionFor({ ...good, 'assesses-fairly': 2 })).toBe('not_yet');
		expect(criteriaBelowApproval({ ...good, 'plans-session': 1 })).toEqual(['plans-session']);
	});

	it('lists criteria without a level', () => {
		expect(missingCriteria({ 'plans-session': 2 })).toHaveLength(4);
		expect(missingCriteria(good)).toEqual([]);
	});

	it('accepts only five known criteria with levels 1–4', () => {
		expect(parseRubric(good)).toEqual(good);
		expect(parseRubric({ ...good, 'assesses-fairly': 5 })).toBeNull();
		expect(parseRubric({ ...good, extra: 3 })).toBeNull();
		expect(parseRubric({ ...good, 'plans-session': '4' })).toBeNull();
		expect(parseRubric([])).toBeNull();
		expect(parseRubric(null)).toBeNull();
	});
});
