import type { RequestHandler } from '@sveltejs/kit';
import { asCaller } from '$lib/server/staff/respond';
import { staffRoles } from '$lib/server/staff/staff';

export const prerender = false;

/** The caller's roles, so /staff knows which views to show (the database still decides). */
export const GET: RequestHandler = (event) => asCaller(event, staffRoles);
