import { sessionHandle } from '$lib/server/session';

/**
 * Verifies the caller's session once per API request and puts the user and their staff
 * roles in `event.locals.session` (src/lib/server/session.ts). Self-contained so it merges
 * beside other hooks (e.g. an `init` for configuration checks).
 */
export const handle = sessionHandle();
