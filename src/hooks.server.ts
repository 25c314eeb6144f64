import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { compressHandle } from '$lib/server/compress';
import { assertConfig } from '$lib/server/config';
import { firstPaintHandle } from '$lib/server/first-paint/handle';
import { sessionHandle } from '$lib/server/session';

/**
 * Runs once when the server starts: a deployment with missing or malformed configuration stops
 * here with the list of problems (src/lib/server/config.ts), not later at a learner's request.
 * Skipped while prerendering at build time, when runtime secrets are rightly absent.
 */
export const init: ServerInit = () => {
	if (building) return;
	try {
		assertConfig({ ...privateEnv, ...publicEnv });
	} catch (problem) {
		// In production: the list alone, then stop (no stack trace to read through).
		if (privateEnv.NODE_ENV !== 'production') throw problem;
		console.error(problem instanceof Error ? problem.message : problem);
		process.exit(1);
	}
};

/**
 * Verifies the caller's session once per API request and puts the user and their staff
 * roles in `event.locals.session` (src/lib/server/session.ts). Self-contained so it merges
 * beside other hooks (e.g. an `init` for configuration checks). Outermost, the API's JSON
 * answers are compressed for callers that accept it (src/lib/server/compress.ts): adapter-node
 * sends them as they are, and a 300-learner roster over slow 4G is where that shows. Then the
 * public pages' first paint: their text in the HTML, in the learner's language
 * (src/lib/server/first-paint/).
 */
export const handle = sequence(compressHandle, sessionHandle(), firstPaintHandle());
