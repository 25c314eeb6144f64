import { uuidv7 } from './uuidv7';

/**
 * The one record every capability shares (see docs/learner-events.md). Immutable: a
 * correction is a new event. The server adds seq, server_ts and its verdict.
 */
export const EVENT_TYPES = [
	'lesson_opened',
	'lesson_completed',
	'quiz_answered',
	'quiz_completed',
	'exercise_completed',
	'assessment_started',
	'assessment_answered',
	'assessment_submitted',
	'attendance_marked',
	'setting_changed'
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface LearnerEvent {
	/** UUIDv7 made on the device; the idempotency key everywhere. */
	id: string;
	/** Payload version; the server keeps accepting older versions. */
	v: 1;
	/** Account id, or this device's anonymous learner id until sign-in adopts it. */
	owner: string;
	device_id: string;
	type: EventType;
	course_id?: string;
	lesson_id?: string;
	payload: Record<string, unknown>;
	/** ISO time on the device: for display only, never for ordering. */
	client_ts: string;
}

/** Payload limit, the same on the server: events must stay small on a 2G link. */
export const MAX_PAYLOAD_BYTES = 4096;

export interface NewEvent {
	type: EventType;
	course_id?: string;
	lesson_id?: string;
	payload?: Record<string, unknown>;
}

/** Builds an event; owner and device are stamped now, never derived at push time. */
export function createEvent(
	input: NewEvent,
	identity: { owner: string; device_id: string },
	now = new Date()
): LearnerEvent {
	const event: LearnerEvent = {
		id: uuidv7(now.getTime()),
		v: 1,
		owner: identity.owner,
		device_id: identity.device_id,
		type: input.type,
		payload: input.payload ?? {},
		client_ts: now.toISOString()
	};
	if (input.course_id) event.course_id = input.course_id;
	if (input.lesson_id) event.lesson_id = input.lesson_id;
	const problem = validateEvent(event);
	if (problem) throw new Error(problem);
	return event;
}

/** Returns a reason when the event is malformed, else null. Mirrors the server's checks. */
export function validateEvent(event: LearnerEvent): string | null {
	if (!(EVENT_TYPES as readonly string[]).includes(event.type)) return `unknown event type ${event.type}`;
	if (!event.owner) return 'event has no owner';
	if (!event.device_id) return 'event has no device id';
	const size = new TextEncoder().encode(JSON.stringify(event.payload)).length;
	if (size > MAX_PAYLOAD_BYTES) return `payload is ${size} bytes, over ${MAX_PAYLOAD_BYTES}`;
	const needsLesson = ['lesson_opened', 'lesson_completed', 'quiz_answered', 'quiz_completed'];
	if (needsLesson.includes(event.type) && (!event.course_id || !event.lesson_id))
		return `${event.type} needs course_id and lesson_id`;
	return null;
}
