// xAPI 1.0.3 statements for a partner's learning record store, built from queued deliveries
// and sent in one batch per LRS with @xapi/xapi (its sendStatements and verb constants), over
// our own fetch adapter: the library's own adapters hide the HTTP status the delivery log
// needs and have no timeout.
import XAPI from '@xapi/xapi';
import { uuidv5 } from './uuid5.js';

/** "earned" from the xAPI vocabulary registry (not among the library's constants). */
export const EARNED = { id: 'http://id.tincanapi.com/verb/earned', display: { 'en-US': 'earned' } };
const TYPES = {
	course: 'http://adlnet.gov/expapi/activities/course',
	lesson: 'http://adlnet.gov/expapi/activities/lesson',
	assessment: 'http://adlnet.gov/expapi/activities/assessment'
};

/**
 * @typedef {{ id: string, event_type: string, source_id: string, occurred_at: string,
 *   data: Record<string, any> }} QueuedStatement
 */

/** The statement id: from the fact's own id, so the same fact is the same statement everywhere. */
export const statementId = (/** @type {QueuedStatement} */ d) => uuidv5(`${d.event_type}:${d.source_id}`);

/**
 * One statement. The actor is an account on Seekh (the partner's own id for the learner when
 * the roster gave one, else the Seekh id): never an email, a phone or a CNIC.
 * @param {QueuedStatement} d
 * @param {string} origin Seekh's public origin, e.g. https://seekh.example.pk
 */
export function statementFor(d, origin) {
	const base = origin.replace(/\/+$/, '');
	const course = `${base}/courses/${encodeURIComponent(d.data.course?.id ?? '')}`;
	const courseActivity = { objectType: 'Activity', id: course, definition: { type: TYPES.course } };
	const statement = {
		id: statementId(d),
		actor: { objectType: 'Agent', account: { homePage: base, name: String(d.data.learner?.id ?? '') } },
		timestamp: new Date(d.occurred_at).toISOString(),
		context: { platform: 'Seekh', contextActivities: { parent: [courseActivity] } }
	};
	switch (d.event_type) {
		case 'lesson.completed':
			return {
				...statement,
				verb: XAPI.Verbs.COMPLETED,
				object: {
					objectType: 'Activity',
					id: `${course}/lessons/${encodeURIComponent(d.data.lesson?.id ?? '')}`,
					definition: { type: TYPES.lesson }
				},
				result: { completion: true }
			};
		case 'assessment.passed':
		case 'assessment.failed': {
			const score = typeof d.data.score === 'number' ? d.data.score : null;
			return {
				...statement,
				verb: d.event_type === 'assessment.passed' ? XAPI.Verbs.PASSED : XAPI.Verbs.FAILED,
				object: {
					objectType: 'Activity',
					id: `${course}/assessment`,
					definition: { type: TYPES.assessment }
				},
				result: {
					success: d.event_type === 'assessment.passed',
					completion: true,
					...(score === null
						? {}
						: { score: { scaled: Math.max(0, Math.min(100, score)) / 100, raw: score, min: 0, max: 100 } })
				}
			};
		}
		case 'certificate.earned':
			return {
				...statement,
				verb: EARNED,
				object: {
					objectType: 'Activity',
					// The public verification page: anyone (the partner too) can check it there.
					id: `${base}/verify/${encodeURIComponent(d.data.certificate?.code ?? '')}`,
					definition: { name: { 'en-US': 'Seekh certificate', ur: 'سیکھ سرٹیفکیٹ' } }
				}
			};
		default:
			throw new Error(`no xAPI statement for ${d.event_type}`);
	}
}

/** An HTTP failure with its status, for the delivery log, and the receiver's Retry-After (seconds). */
export class DeliveryError extends Error {
	/** @param {string} message @param {number | null} status @param {number | null} [retryAfter] */
	constructor(message, status, retryAfter = null) {
		super(message);
		this.status = status;
		this.retryAfter = retryAfter;
	}
}

/**
 * Seconds the receiver asked us to wait (RFC 9110 Retry-After: delay-seconds or an HTTP date),
 * only on 429 and 503 where it means "come back later"; null when absent or unreadable.
 * @param {Response} response
 * @param {Date} [now]
 */
export function retryAfterSeconds(response, now = new Date()) {
	if (response.status !== 429 && response.status !== 503) return null;
	const value = response.headers.get('retry-after')?.trim();
	if (!value) return null;
	if (/^\d+$/.test(value)) return Number(value);
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * @param {typeof fetch} fetchImpl
 * @param {number} timeoutMs
 * @returns {any} the library's AdapterFunction
 */
function fetchAdapter(fetchImpl, timeoutMs) {
	return /** @type {any} */ (
		async (
			/** @type {{ url: string, method: string, headers?: Record<string, string>, data?: unknown }} */ req
		) => {
			const response = await fetchImpl(req.url, {
				method: req.method,
				headers: req.headers,
				body: req.data === undefined ? undefined : JSON.stringify(req.data),
				redirect: 'manual',
				signal: AbortSignal.timeout(timeoutMs)
			});
			const text = await response.text().catch(() => '');
			if (!response.ok)
				throw new DeliveryError(
					`LRS answered ${response.status}: ${text.slice(0, 200)}`,
					response.status,
					retryAfterSeconds(response)
				);
			let data = /** @type {unknown} */ (text);
			try {
				data = JSON.parse(text);
			} catch {
				/* an empty or plain-text body is fine */
			}
			return { data, headers: Object.fromEntries(response.headers.entries()), status: response.status };
		}
	);
}

/**
 * Sends statements to one LRS in one request. Returns the HTTP status; throws DeliveryError.
 * @param {{ endpoint: string, username: string, password: string }} lrs
 * @param {object[]} statements
 */
export async function sendStatements(lrs, statements, { fetchImpl = fetch, timeoutMs = 15_000 } = {}) {
	const xapi = new XAPI({
		endpoint: lrs.endpoint,
		auth: XAPI.toBasicAuth(lrs.username, lrs.password),
		version: /** @type {any} */ ('1.0.3'),
		adapter: fetchAdapter(fetchImpl, timeoutMs)
	});
	const response = await xapi.sendStatements({ statements: /** @type {any} */ (statements) });
	return response.status;
}
