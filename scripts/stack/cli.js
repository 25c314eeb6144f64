// `npm run stack`: the embedded backend alone, persisted under .data/, on port 54321 (or
// SEEKH_STACK_PORT). Prints what a client needs. Set DATABASE_URL to use a real PostgreSQL.
import { fileURLToPath } from 'node:url';
import { DEV_JWT_SECRET, startStack } from './stack.js';

export async function runStack() {
	const stack = await startStack({
		port: Number(process.env.SEEKH_STACK_PORT ?? 54321),
		dataDir: fileURLToPath(new URL('../../.data/pglite', import.meta.url)),
		databaseUrl: process.env.DATABASE_URL,
		freshDatabase: false,
		jwtSecret: process.env.SEEKH_JWT_SECRET ?? DEV_JWT_SECRET,
		// Hosted Supabase runs this with pg_cron (docs/monitoring.md); locally, every 5 minutes.
		refreshSummariesEveryMs: 5 * 60_000
	});
	const shutdown = () => {
		void stack.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	return stack;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const stack = await runStack();
	console.log(
		[
			`Seekh local backend (${stack.db}) is running.`,
			`  URL          ${stack.url}`,
			`  anon key     ${stack.anonKey}`,
			`  service key  ${stack.serviceKey}`,
			`  JWT secret   ${stack.jwtSecret}`,
			'Staff roles for /staff: npm run grant-role -- <email> <org_admin|trainer|assessor|partner_admin|coe_admin|auditor> <ORG-CODE, e.g. PK>',
			'Press Ctrl+C to stop.'
		].join('\n')
	);
}
