import Dexie, { type EntityTable } from 'dexie';
import type { LearnerEvent } from '$lib/events/learner-event';
import type { CourseProgress } from '$lib/events/progress';

/**
 * The device's database. Local first: every learner action is written here before anything
 * else, and the UI reads from here. Each `version(n)` says why it exists; never edit an old one.
 */

/** A learner event as kept on the device, with its sync state. */
export interface StoredEvent extends LearnerEvent {
	/** 0 = waiting to be pushed, 1 = the server named it accepted, 2 = quarantined. */
	sync: 0 | 1 | 2;
}

/** Derived per-course progress, rewritten in the same transaction as each event. */
export interface ProgressRecord extends CourseProgress {
	owner: string;
	course_id: string;
	updated_at: string;
}

/** A course pack stored for offline use (the JSON itself lives in the Cache API). */
export interface PackRecord {
	course_id: string;
	lang: string;
	hash: string;
	bytes: number;
	stored_at: string;
}

/** Small key/value facts about this installation: device id, anonymous learner id, cursors. */
export interface MetaRecord {
	key: string;
	value: unknown;
}

/** An event the server refused for good, kept visible with its reason; never blocks the queue. */
export interface DeadLetter {
	id: string;
	event: LearnerEvent;
	reason: string;
	at: string;
}

export class SeekhDatabase extends Dexie {
	events!: EntityTable<StoredEvent, 'id'>;
	progress!: Dexie.Table<ProgressRecord, [string, string]>;
	packs!: Dexie.Table<PackRecord, [string, string]>;
	meta!: EntityTable<MetaRecord, 'key'>;
	deadLetters!: EntityTable<DeadLetter, 'id'>;

	constructor(name = 'seekh') {
		super(name);
		// v1: the first schema — events (outbox by `sync`), derived progress, stored packs,
		// installation facts and quarantined events.
		this.version(1).stores({
			events: 'id, sync, [owner+course_id], type',
			progress: '[owner+course_id], owner',
			packs: '[course_id+lang], course_id',
			meta: 'key',
			deadLetters: 'id, at'
		});
	}
}

let instance: SeekhDatabase | undefined;

/**
 * The page's one database. Opened lazily: the first visit to `/` never pays for Dexie.
 * Another tab upgrading the schema closes ours (Dexie's default on `versionchange`); we
 * reload so this tab runs the new code instead of failing half-way.
 */
export function getDb(): SeekhDatabase {
	if (!instance) {
		instance = new SeekhDatabase();
		instance.on('versionchange', () => {
			instance?.close();
			if (typeof location !== 'undefined') location.reload();
			return false;
		});
	}
	return instance;
}
