import { accessToken } from '$lib/certificates/session-token';
import type { Breakdown, ComplianceFigures, FigureRow, Targets } from '$lib/monitoring/types';
import type { TrainerCascade } from '$lib/trainer/requirements';

/**
 * The programme-monitoring tool's calls to /api/staff/monitoring with the signed-in person's
 * token. Answers are a value or a problem the page translates; nothing throws.
 */
export type MonitoringProblem = 'sign_in' | 'forbidden' | 'invalid' | 'offline' | 'server';
export type MonitoringAnswer<T> = { ok: true; value: T } | { ok: false; problem: MonitoringProblem };

export interface MonitoringView {
	targets: Targets;
	by: Breakdown;
	rows: FigureRow[];
	trend: FigureRow[];
	compliance: ComplianceFigures;
}

export type MonitoringQuery = Record<string, string>;

const problemFor = (status: number): MonitoringProblem =>
	status === 401 ? 'sign_in' : status === 403 ? 'forbidden' : status === 400 ? 'invalid' : 'server';

function url(query: MonitoringQuery, format?: 'csv' | 'json'): string {
	const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
	if (format) params.set('format', format);
	return `/api/staff/monitoring?${params}`;
}

async function request(path: string): Promise<MonitoringAnswer<Response>> {
	const token = accessToken();
	if (!token) return { ok: false, problem: 'sign_in' };
	try {
		const response = await fetch(path, { cache: 'no-store', headers: { authorization: `Bearer ${token}` } });
		return response.ok ? { ok: true, value: response } : { ok: false, problem: problemFor(response.status) };
	} catch {
		return { ok: false, problem: 'offline' };
	}
}

export async function loadMonitoring(query: MonitoringQuery): Promise<MonitoringAnswer<MonitoringView>> {
	const got = await request(url(query));
	if (!got.ok) return got;
	return { ok: true, value: (await got.value.json()) as MonitoringView };
}

/** The trainer cascade: who trained whom, learners reached per trainer (CoE-AI at the root). */
export async function loadTrainerCascade(): Promise<MonitoringAnswer<TrainerCascade>> {
	const got = await request('/api/staff/monitoring?view=trainers');
	if (!got.ok) return got;
	return { ok: true, value: (await got.value.json()) as TrainerCascade };
}

/** Downloads exactly the filtered view as a file (the server names it). */
export async function downloadMonitoring(
	query: MonitoringQuery,
	format: 'csv' | 'json'
): Promise<MonitoringProblem | null> {
	const got = await request(url(query, format));
	if (!got.ok) return got.problem;
	const name =
		/filename="([^"]+)"/.exec(got.value.headers.get('content-disposition') ?? '')?.[1] ?? `seekh.${format}`;
	const link = document.createElement('a');
	link.href = URL.createObjectURL(await got.value.blob());
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
	return null;
}
