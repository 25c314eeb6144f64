import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createHash } from 'node:crypto';
import { event, verifiedLearner, type Learner } from '../integration/stack-helpers';
import { baseURL } from './browser';

/**
 * The e2e app and its embedded backend (both started once by global setup), plus the switch
 * that cuts the app origin's network: Chromium's offline mode does not cover service-worker
 * fetches, so a test that goes offline also turns the app server away at the proxy.
 */
export interface CertBackend {
	url: string;
	stack: { url: string; anonKey: string; serviceKey: string };
	cutNetwork(): Promise<void>;
	restoreNetwork(): Promise<void>;
}

const toggle = async (state: 'on' | 'off') => {
	const response = await fetch(`${baseURL}/__e2e/network/${state}`, { method: 'POST' });
	if (response.status !== 204) throw new Error(`network ${state}: ${response.status}`);
};

export function certBackend(): CertBackend {
	return {
		url: baseURL,
		stack: inject('backend'),
		cutNetwork: () => toggle('off'),
		restoreNetwork: () => toggle('on')
	};
}

/**
 * The stand-in "sends" a random code; as the owner of the address we set the one we type (the
 * same way the compliance journey signs in by phone). Call it after the code was sent.
 */
export async function plantCode(stack: { url: string; serviceKey: string }, target: string, code = '246810') {
	const res = await fetch(`${stack.url}/rest/v1/rpc/put_otp`, {
		method: 'POST',
		headers: {
			apikey: stack.serviceKey,
			authorization: `Bearer ${stack.serviceKey}`,
			'content-type': 'application/json',
			'content-profile': 'local_auth'
		},
		body: JSON.stringify({
			p_target: target,
			p_hash: createHash('sha256').update(code).digest('hex'),
			p_ttl_seconds: 600
		})
	});
	if (!res.ok) throw new Error(`put_otp: ${res.status} ${await res.text()}`);
	return code;
}

/** A learner who signed up and proved their email with a code (only they may sit finals). */
export const provenLearner = (stack: CertBackend['stack'], label?: string) =>
	verifiedLearner(stack.url, stack.anonKey, (to) => plantCode(stack, to), label);

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
	const learner = await provenLearner(backend.stack);
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
