import type { RequestEvent } from '@sveltejs/kit';
import { callPartner, jsonResponse } from './gate';
import { decodeCursor, encodeCursor, nextLink } from './cursor';
import { problem } from './problem';

/**
 * Completions and certificates out: filtered by date range and course, as JSON pages (opaque
 * cursor, `next` link) or as CSV streamed to the end of the range. The CSV's first page passes
 * the gate like any request (audited, counted); the pages after it are checked again (a revoke
 * stops the stream) but not counted a second time.
 */
export interface ListKind {
	fn: 'partner_completions' | 'partner_certificates';
	/** How many values the cursor holds. */
	size: number;
	columns: string[];
	/** The keyset position of an item, as strings (the cursor). */
	position: (item: Record<string, unknown>) => string[];
	/** The SQL arguments for a position. */
	after: (position: string[] | null) => Record<string, string | undefined>;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const COURSE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function filters(url: URL): { since?: string; until?: string; course?: string; limit: number } | string {
	const q = url.searchParams;
	const since = q.get('since') ?? undefined;
	const until = q.get('until') ?? undefined;
	const course = q.get('course') ?? undefined;
	const limit = q.get('limit') === null ? 100 : Number(q.get('limit'));
	if (since !== undefined && (!ISO.test(since) || Number.isNaN(Date.parse(since)))) return 'since';
	if (until !== undefined && (!ISO.test(until) || Number.isNaN(Date.parse(until)))) return 'until';
	if (course !== undefined && (course.length > 64 || !COURSE.test(course))) return 'course';
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return 'limit';
	return { since, until, course, limit };
}

const wantsCsv = (event: Pick<RequestEvent, 'url' | 'request'>) =>
	event.url.searchParams.get('format') === 'csv' ||
	(event.url.searchParams.get('format') === null &&
		(event.request.headers.get('accept') ?? '').split(',')[0]?.trim() === 'text/csv');

export async function listResponse(
	event: Pick<RequestEvent, 'url' | 'request'>,
	kind: ListKind
): Promise<Response> {
	const instance = event.url.pathname;
	const f = filters(event.url);
	if (typeof f === 'string') return problem(400, 'bad_query', instance, `The parameter "${f}" is not valid.`);
	const format = event.url.searchParams.get('format');
	if (format !== null && format !== 'json' && format !== 'csv')
		return problem(400, 'bad_query', instance, 'format is json or csv.');
	const cursor = decodeCursor(event.url.searchParams.get('cursor'), kind.size);
	if (cursor === 'bad') return problem(400, 'bad_cursor', instance);
	const base = { since: f.since, until: f.until, course: f.course };
	if (wantsCsv(event)) return csvResponse(event, kind, base, cursor as string[] | null);
	const answer = await callPartner(event, kind.fn, {
		...base,
		...kind.after(cursor as string[] | null),
		lim: f.limit
	});
	if (!answer.ok) return answer.response;
	const page = answer.body as { items: Record<string, unknown>[]; limit: number };
	const last = page.items.at(-1);
	const next =
		last && page.items.length === page.limit ? nextLink(event.url, encodeCursor(kind.position(last))) : null;
	return jsonResponse({ items: page.items, next }, next ? { link: `<${next}>; rel="next"` } : {});
}

const CSV_PAGE = 1000;

const cell = (v: unknown) => {
	const s = v === null || v === undefined ? '' : String(v);
	return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function csvResponse(
	event: Pick<RequestEvent, 'url' | 'request'>,
	kind: ListKind,
	base: Record<string, string | undefined>,
	start: string[] | null
): Promise<Response> {
	const first = await callPartner(event, kind.fn, { ...base, ...kind.after(start), lim: CSV_PAGE });
	if (!first.ok) return first.response;
	const encoder = new TextEncoder();
	let page = (first.body as { items: Record<string, unknown>[] }).items;
	let header = true;
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (header) {
				controller.enqueue(encoder.encode(kind.columns.join(',') + '\r\n'));
				header = false;
			}
			if (page.length === 0) return controller.close();
			controller.enqueue(
				encoder.encode(page.map((item) => kind.columns.map((c) => cell(item[c])).join(',') + '\r\n').join(''))
			);
			if (page.length < CSV_PAGE) {
				page = [];
				return;
			}
			const next = await callPartner(event, kind.fn, {
				...base,
				...kind.after(kind.position(page.at(-1)!)),
				lim: CSV_PAGE,
				counted: false
			});
			if (!next.ok) return controller.error(new Error('the key was refused while streaming'));
			page = (next.body as { items: Record<string, unknown>[] }).items;
		}
	});
	return new Response(stream, {
		status: 200,
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${kind.fn.replace('partner_', '')}.csv"`,
			'cache-control': 'no-store'
		}
	});
}

export const COMPLETIONS: ListKind = {
	fn: 'partner_completions',
	size: 3,
	columns: ['sourced_id', 'learner_id', 'course_id', 'completed_at'],
	position: (i) => [String(i.completed_at), String(i.learner_id), String(i.course_id)],
	after: (p) => ({ after_at: p?.[0], after_learner: p?.[1], after_course: p?.[2] })
};

export const CERTIFICATES: ListKind = {
	fn: 'partner_certificates',
	size: 2,
	columns: ['code', 'sourced_id', 'learner_id', 'course_id', 'issued_at', 'status', 'revoked_at'],
	position: (i) => [String(i.issued_at), String(i.code)],
	after: (p) => ({ after_at: p?.[0], after_code: p?.[1] })
};
