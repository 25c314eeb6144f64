import { accessToken } from '$lib/certificates/session-token';
import { failure, isErrorCode, ok, type ErrorCode, type Result } from '$lib/result';
import type { Breakdown, ComplianceFigures, FigureRow, Targets } from '$lib/monitoring/types';
import type { TrainerCascade } from '$lib/trainer/requirements';

/**
 * The programme-monitoring tool's calls to /api/staff/monitoring with the signed-in person's
 * token. Answers are the one result shape (src/lib/result.ts): a value or an error code the page
 * translates as `monitoring:problems.<code>`; nothing throws.
 */

export interface MonitoringView {
	targets: Targets;
	by: Breakdown;
	rows: FigureRow[];
	trend: FigureRow[];
	compliance: ComplianceFigures;
}

export type MonitoringQuery = Record<string, string>;

function url(query: MonitoringQuery, format?: 'csv' | 'json'): string {
	const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
	if (format) params.set('format', format);
	return `/api/staff/monitoring?${params}`;
}

async function request(path: string): Promise<Result<Response>> {
	const token = accessToken();
	if (!token) return failure('sign_in');
	try {
		const response = await fetch(path, { cache: 'no-store', headers: { authorization: `Bearer ${token}` } });
		if (response.ok) return ok(response);
		// The code is in the body ({ error }), as every staff endpoint answers.
		const code = ((await response.json().catch(() => null)) as { error?: unknown } | null)?.error;
		return failure(isErrorCode(code) ? code : response.status === 401 ? 'sign_in' : 'server');
	} catch {
		return failure('offline');
	}
}

export async function loadMonitoring(query: MonitoringQuery): Promise<Result<MonitoringView>> {
	const got = await request(url(query));
	if (!got.ok) return got;
	return ok((await got.value.json()) as MonitoringView);
}

/** The trainer cascade: who trained whom, learners reached per trainer (CoE-AI at the root). */
export async function loadTrainerCascade(): Promise<Result<TrainerCascade>> {
	const got = await request('/api/staff/monitoring?view=trainers');
	if (!got.ok) return got;
	return ok((await got.value.json()) as TrainerCascade);
}

/** Downloads exactly the filtered view as a file (the server names it). */
export async function downloadMonitoring(
	query: MonitoringQuery,
	format: 'csv' | 'json'
): Promise<ErrorCode | null> {
	const got = await request(url(query, format));
	if (!got.ok) return got.error;
	const name =
		/filename="([^"]+)"/.exec(got.value.headers.get('content-disposition') ?? '')?.[1] ?? `seekh.${format}`;
	const link = document.createElement('a');
	link.href = URL.createObjectURL(await got.value.blob());
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
	return null;
}
