import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { IMAGE_ITEM_IDS } from './item-ids';
import { itemsFor } from './items';

describe('real-or-fake items', () => {
	it('shows the whole set by default and only the chosen items when listed', () => {
		expect(itemsFor('text', undefined).map((i) => i.id)).toHaveLength(8);
		expect(itemsFor('text', ['bank-otp', 'bisp-prize'])).toEqual([
			{ id: 'bisp-prize', kind: 'sms', fake: true },
			{ id: 'bank-otp', kind: 'sms', fake: false }
		]);
		expect(itemsFor('images', ['six-fingers'])[0]?.image).toBe('exercise-media/real-or-fake/six-fingers.svg');
	});

	it('mixes real and fake items in both sets', () => {
		for (const set of ['text', 'images']) {
			const fakes = itemsFor(set, undefined).filter((i) => i.fake).length;
			expect(fakes).toBeGreaterThan(0);
			expect(fakes).toBeLessThan(itemsFor(set, undefined).length);
		}
	});

	it('has a picture for every image item, at most 10 pictures and 300 KB together', () => {
		expect(IMAGE_ITEM_IDS.length).toBeLessThanOrEqual(10);
		let bytes = 0;
		for (const id of IMAGE_ITEM_IDS) {
			const file = `static/exercise-media/real-or-fake/${id}.svg`;
			expect(existsSync(file)).toBe(true);
			bytes += statSync(file).size;
		}
		expect(bytes).toBeLessThanOrEqual(300 * 1024);
	});
});
