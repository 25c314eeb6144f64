import { describe, expect, it } from 'vitest';
import { formatNumber } from '../i18n/format';
import { digitsOf, localiseBlocks, localiseText } from './local-digits';

describe('numbers in lesson text use the digits of the screens around them', () => {
	it('takes the digits from the same locale as formatNumber', () => {
		for (const lang of ['ur', 'en', 'pa-Arab', 'sd', 'ps', 'bal', 'skr'] as const) {
			const digits = digitsOf(lang);
			expect(localiseText('2027', digits)).toBe(formatNumber(2027, lang, { useGrouping: false }));
		}
		expect(digitsOf('ur')).toBeNull();
		expect(digitsOf('en')).toBeNull();
	});

	it('changes quantities and years, with Arabic separators', () => {
		const ps = digitsOf('ps');
		expect(localiseText('ملي اې آی پالیسي 2025 وايي چې (200,000) کسان', ps)).toBe(
			'ملي اې آی پالیسي ۲۰۲۵ وايي چې (۲۰۰٬۰۰۰) کسان'
		);
		expect(localiseText('1.5 لکه، 30%', ps)).toBe('۱٫۵ لکه، ۳۰%');
		expect(localiseText('سال 2025ء', digitsOf('sd'))).toBe('سال ٢٠٢٥ء');
	});

	it('leaves names that contain digits as written', () => {
		const ps = digitsOf('ps');
		for (const name of [
			'دفعه 26A',
			'GPT-4 ماډل',
			'5G شبکه',
			'v2',
			'COVID-19',
			'A4 کاغذ',
			'https://x.pk/2025'
		])
			expect(localiseText(name, ps)).toBe(name);
	});

	it('walks headings, lists and callouts but not code or link targets', () => {
		const blocks = localiseBlocks(
			[
				{ t: 'heading', level: 2, c: [{ t: 'text', v: '3 ګامونه' }] },
				{
					t: 'callout',
					kind: 'warning',
					c: [
						{
							t: 'paragraph',
							c: [
								{ t: 'link', href: 'tel:1799', c: [{ t: 'text', v: '1799' }] },
								{ t: 'code', v: 'x = 10' }
							]
						}
					]
				},
				{
					t: 'list',
					ordered: true,
					items: [[{ t: 'paragraph', c: [{ t: 'strong', c: [{ t: 'text', v: '24 ساعته' }] }] }]]
				}
			],
			'ps'
		);
		expect(blocks).toEqual([
			{ t: 'heading', level: 2, c: [{ t: 'text', v: '۳ ګامونه' }] },
			{
				t: 'callout',
				kind: 'warning',
				c: [
					{
						t: 'paragraph',
						c: [
							{ t: 'link', href: 'tel:1799', c: [{ t: 'text', v: '۱۷۹۹' }] },
							{ t: 'code', v: 'x = 10' }
						]
					}
				]
			},
			{
				t: 'list',
				ordered: true,
				items: [[{ t: 'paragraph', c: [{ t: 'strong', c: [{ t: 'text', v: '۲۴ ساعته' }] }] }]]
			}
		]);
	});
});
