import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { readLrs, saveLrs } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** Where xAPI statements go (never the credentials) (scope webhooks:manage). */
export const GET: RequestHandler = (event) => partnerGuarded(event, () => readLrs(event));

/** Sets the LRS; credentials are required the first time and kept when left out. */
export const PUT: RequestHandler = (event) => partnerGuarded(event, () => saveLrs(event));
