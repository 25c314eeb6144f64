import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

// i18next picks plural forms through Intl.PluralRules: Punjabi (pa-Arab → pa) counts 0 as "one".
describe('plural forms', () => {
	it('uses Punjabi rules for pa-Arab, where 0 takes the singular', async () => {
		const i18n = i18next.createInstance();
		await i18n.init({
			lng: 'pa-Arab',
			resources: {
				'pa-Arab': { common: { lessons_one: '{{count}} سبق', lessons_other: '{{count}} سبق (کئی)' } },
				ur: { common: { lessons_one: '{{count}} سبق', lessons_other: '{{count}} اسباق' } }
			},
			defaultNS: 'common',
			showSupportNotice: false
		} as Parameters<typeof i18n.init>[0]);
		expect(i18n.t('lessons', { count: 0 })).toBe('0 سبق');
		expect(i18n.t('lessons', { count: 2 })).toBe('2 سبق (کئی)');
		await i18n.changeLanguage('ur');
		expect(i18n.t('lessons', { count: 0 })).toBe('0 اسباق');
		expect(i18n.t('lessons', { count: 1 })).toBe('1 سبق');
	});
});
