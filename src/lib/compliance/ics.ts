/**
 * An all-day calendar entry (RFC 5545) for a training's due date, so a phone calendar reminds
 * the learner too. Text is escaped as the RFC asks; lines are folded at 75 octets.
 */
const escapeText = (s: string) =>
	s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function fold(line: string): string {
	const bytes = new TextEncoder().encode(line);
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const ch of line) {
		const n = new TextEncoder().encode(ch).length;
		if (size + n > (parts.length ? 74 : 75)) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += ch;
		size += n;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const compact = (day: string) => day.replace(/-/g, '');

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

export function dueDateIcs(input: {
	uid: string;
	title: string;
	due: string;
	description: string;
	now?: Date;
}): string {
	const stamp = (input.now ?? new Date())
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	return (
		[
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Seekh//Mandatory training//EN',
			'CALSCALE:GREGORIAN',
			'BEGIN:VEVENT',
			`UID:${input.uid}@seekh`,
			`DTSTAMP:${stamp}`,
			`DTSTART;VALUE=DATE:${compact(input.due)}`,
			`DTEND;VALUE=DATE:${compact(nextDay(input.due))}`,
			`SUMMARY:${escapeText(input.title)}`,
			`DESCRIPTION:${escapeText(input.description)}`,
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			'TRIGGER:-P7D',
			`DESCRIPTION:${escapeText(input.title)}`,
			'END:VALARM',
			'END:VEVENT',
			'END:VCALENDAR'
		]
			.map(fold)
			.join('\r\n') + '\r\n'
	);
}
