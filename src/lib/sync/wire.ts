import type { LearnerEvent } from '$lib/events/learner-event';

/**
 * The compact columnar batch sync_push accepts (docs/sync.md). Repeated strings (owner,
 * device, type, course, lesson) are sent once per batch; `client_ts` travels as the
 * difference from the time inside the UUIDv7 id, which is almost always 0. With gzip this
 * keeps an event to a few dozen bytes on a 2G link.
 */
export type WireRow = [
	id: string,
	type: number,
	course: number,
	lesson: number,
	payload: Record<string, unknown> | 0,
	clientTsDeltaMs: number,
	device: number,
	v?: number
];

export interface WireBatch {
	f: 1;
	owner: string;
	devices: string[];
	types: string[];
	courses: string[];
	lessons: string[];
	rows: WireRow[];
}

/** Milliseconds since the epoch held in a UUIDv7's first 48 bits. */
export function uuidv7Millis(id: string): number {
	return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function indexer() {
	const list: string[] = [];
	const seen = new Map<string, number>();
	const at = (value: string | undefined): number => {
		if (value === undefined) return -1;
		let i = seen.get(value);
		if (i === undefined) {
			i = list.push(value) - 1;
			seen.set(value, i);
		}
		return i;
	};
	return { list, at };
}

/** Encodes one owner's events; every event must carry that owner. */
export function encodeBatch(owner: string, events: readonly LearnerEvent[]): WireBatch {
	const devices = indexer();
	const types = indexer();
	const courses = indexer();
	const lessons = indexer();
	const rows = events.map((e): WireRow => {
		if (e.owner !== owner) throw new Error(`event ${e.id} belongs to another owner`);
		const clientMs = Date.parse(e.client_ts);
		const delta = Number.isFinite(clientMs) ? clientMs - uuidv7Millis(e.id) : 0;
		const payload = Object.keys(e.payload).length === 0 ? 0 : e.payload;
		const row: WireRow = [
			e.id,
			types.at(e.type),
			courses.at(e.course_id),
			lessons.at(e.lesson_id),
			payload,
			delta,
			devices.at(e.device_id)
		];
		if (e.v !== 1) row.push(e.v);
		return row;
	});
	return {
		f: 1,
		owner,
		devices: devices.list,
		types: types.list,
		courses: courses.list,
		lessons: lessons.list,
		rows
	};
}

/** Rough size of an event in a batch, for bounding batches by bytes before encoding. */
export function estimateEventBytes(e: LearnerEvent): number {
	const payload = Object.keys(e.payload).length === 0 ? 1 : JSON.stringify(e.payload).length;
	return 60 + payload;
}
