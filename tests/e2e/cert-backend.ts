import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../../scripts/stack/stack.js';
import { freePort } from '../../scripts/stack/ports.js';
import { event, signUp, type Learner } from '../integration/stack-helpers';

/**
 * The built app (from global setup) served once more, this time wired to its own embedded
 * backend: certificate endpoints need the service key, which the shared e2e server lacks.
 */
export interface CertBackend {
	url: string;
	stack: Awaited<ReturnType<typeof startStack>>;
	/** Stops the app server: Chromium's offline mode does not cover service-worker fetches. */
	cutNetwork(): Promise<void>;
	restoreNetwork(): Promise<void>;
	stop(): Promise<void>;
}

export async function startCertBackend(): Promise<CertBackend> {
	process.env.SEEKH_EXTRA_COURSES = fileURLToPath(new URL('../fixtures/cert-courses', import.meta.url));
	const stack = await startStack({ port: 0, log: () => {} });
	const port = Number(await freePort());
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		PUBLIC_SUPABASE_URL: stack.url,
		PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
		CERT_DEV_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'cert-e2e-')), 'keys.json')
	};
	let server: ChildProcess | undefined;
	const startApp = async () => {
		server = spawn(process.execPath, ['build'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		for (let i = 0; ; i++) {
			if (
				await fetch(`${url}/.well-known/jwks.json`)
					.then((r) => r.ok)
					.catch(() => false)
			)
				return;
			if (i > 300) throw new Error('certificate app server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	const stopApp = async () => {
		const running = server;
		if (!running || running.exitCode !== null) return;
		await new Promise((resolve) => {
			running.once('exit', resolve);
			running.kill();
		});
	};
	await startApp();
	return {
		url,
		stack,
		cutNetwork: stopApp,
		restoreNetwork: startApp,
		async stop() {
			await stopApp();
			await stack.stop();
		}
	};
}

/** A learner who has passed the fixture course (graded by the server) and claimed the certificate. */
export async function certifiedLearner(
	backend: CertBackend,
	name: string
): Promise<{ learner: Learner; code: string; id: string }> {
	const { readFileSync } = await import('node:fs');
	const { parse } = await import('yaml');
	const key = parse(
		readFileSync(
			fileURLToPath(new URL('../fixtures/cert-courses/cert-sample/assessment/key.yaml', import.meta.url)),
			'utf8'
		)
	) as Record<string, unknown[]>;
	const learner = await signUp(backend.stack.url, backend.stack.anonKey);
	const { data } = await learner.client.rpc('assessment_tickets', { course: 'cert-sample' });
	const ticket = (data as { tickets: { ticket_id: string; sig: string; questions: string[] }[] }).tickets[0]!;
	const answers = Object.fromEntries(ticket.questions.map((q) => [q, key[q]!.map(String)]));
	await learner.client.rpc('sync_push', {
		events: [
			event(learner.id, 'assessment_submitted', 'cert-sample', {
				ticket_id: ticket.ticket_id,
				sig: ticket.sig,
				answers
			})
		]
	});
	const response = await fetch(`${backend.url}/api/certificates/claim`, {
		method: 'POST',
		headers: { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ course_id: 'cert-sample', name, centre: 'karachi' })
	});
	if (!response.ok) throw new Error(`claim failed: ${response.status} ${await response.text()}`);
	const { certificate } = (await response.json()) as { certificate: { code: string; id: string } };
	return { learner, code: certificate.code, id: certificate.id };
}
