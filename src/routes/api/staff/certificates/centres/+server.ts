import type { RequestHandler } from '@sveltejs/kit';
import { myCentres } from '$lib/server/staff/certificates';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** The CoE-AI centres the caller holds a certificate role at (or above). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['coe_admin', 'assessor', 'auditor'], (s) => myCentres(s.client));
