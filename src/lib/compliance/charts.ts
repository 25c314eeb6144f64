import type { Status } from '$lib/staff/compliance';

/** Colours per status for the SVG charts (text labels and the data table carry the meaning too). */
export const STATUS_COLOURS: Record<Status, string> = {
	completed: '#1b7f3b',
	completed_late: '#7fb069',
	recert_due: '#b7791f',
	in_progress: '#2b6cb0',
	not_started: '#a0aec0',
	overdue: '#c53030',
	expired: '#8a4b08',
	exempted: '#6b46c1'
};

/** Points of a % compliant line in a w×h box (0..1 on the y axis, days evenly on x). */
export function trendPoints(values: number[], w: number, h: number): string {
	if (values.length === 0) return '';
	const step = values.length > 1 ? w / (values.length - 1) : 0;
	return values.map((v, i) => `${(i * step).toFixed(1)},${(h - v * h).toFixed(1)}`).join(' ');
}
