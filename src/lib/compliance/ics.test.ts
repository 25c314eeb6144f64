import { describe, expect, it } from 'vitest';
import { dueDateIcs } from './ics';

describe('due-date calendar entry', () => {
	it('is an all-day event on the due date with escaped, folded text', () => {
		const ics = dueDateIcs({
			uid: 'a1',
			title: 'سرکاری ملازمین کے لیے مصنوعی ذہانت; لازمی تربیت, ۲۰۲۶',
			due: '2026-12-31',
			description: 'line one\nline two',
			now: new Date('2026-12-02T10:00:00Z')
		});
		expect(ics).toContain('DTSTART;VALUE=DATE:20261231\r\n');
		expect(ics).toContain('DTEND;VALUE=DATE:20270101\r\n');
		expect(ics).toContain('DTSTAMP:20261202T100000Z');
		expect(ics).toContain('DESCRIPTION:line one\\nline two');
		expect(ics).toContain('\\;');
		for (const line of ics.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		const unfolded = ics.replace(/\r\n /g, '');
		expect(unfolded).toContain('SUMMARY:سرکاری ملازمین کے لیے مصنوعی ذہانت\\; لازمی تربیت\\, ۲۰۲۶');
	});
});
