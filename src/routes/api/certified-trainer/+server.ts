import type { RequestHandler } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { myTrainerRequirements } from '$lib/server/staff/trainers';

export const prerender = false;

/**
 * Any signed-in learner: their own Certified Trainer checklist (the SQL reads only the
 * caller's records; anonymous accounts are refused there). Claiming the credential is the
 * ordinary certificate claim with `course_id: 'certified-trainer'`.
 */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, 'any', (s) => myTrainerRequirements(s.client));
