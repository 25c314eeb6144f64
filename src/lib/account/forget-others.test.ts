import { describe, expect, it } from 'vitest';
import { forgetOthersData } from './forget-others';

function storageWith(entries: Record<string, string>) {
	const map = new Map(Object.entries(entries));
	return {
		get length() {
			return map.size;
		},
		key: (i: number) => [...map.keys()][i] ?? null,
		removeItem: (key: string) => void map.delete(key),
		keys: () => [...map.keys()].sort()
	};
}

describe('signing out forgets what the device kept about other people', () => {
	it('drops kept rosters, first-screen copies and the team list; keeps the learner’s own and queued data', () => {
		const storage = storageWith({
			'seekh-cohort:u1:c1': '{"rows":[]}',
			'seekh-cohort-screen:u1:c1': '{"html":""}',
			'seekh-cohort-screen:u2:c9': '{"html":""}',
			'seekh-mandatory-training': '{"team":[]}',
			'seekh-cohort-joins': '["ABC123"]',
			'seekh.lang': 'ur',
			'seekh-pending-proof': 'phone'
		});
		forgetOthersData(storage);
		expect(storage.keys()).toEqual(['seekh-cohort-joins', 'seekh-pending-proof', 'seekh.lang']);
	});

	it('does nothing without storage', () => {
		expect(() => forgetOthersData(undefined)).not.toThrow();
	});
});
