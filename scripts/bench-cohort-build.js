// Builds the app for `npm run bench:cohort -- --phone` with BENCH_BUILDS: made for the bench
// stack's fixed address (port BENCH_STACK_PORT, the dev JWT secret) and kept under
// build-bench/<label>, so two versions (say main and a branch) can be opened in turn by one
// bench run at the same machine load. Usage, in each checkout:
//   node scripts/bench-cohort-build.js <label> [where]   (where defaults to build-bench/<label>)
// then: BENCH_BUILDS=main=<dir>,branch=<dir> npm run bench:cohort -- --phone
import { cpSync, rmSync } from 'node:fs';
import { apiKeys, DEV_JWT_SECRET } from './stack/keys.js';
import { buildAppFor } from './stack/build-app.js';

export const BENCH_STACK_PORT = Number(process.env.BENCH_STACK_PORT ?? 54399);

const [label, where] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
	if (!label) {
		console.error('usage: node scripts/bench-cohort-build.js <label> [where]');
		process.exit(2);
	}
	const { anonKey } = await apiKeys(DEV_JWT_SECRET);
	buildAppFor(`http://127.0.0.1:${BENCH_STACK_PORT}`, anonKey);
	const dir = where ?? `build-bench/${label}`;
	rmSync(dir, { recursive: true, force: true });
	cpSync('build', dir, { recursive: true });
	rmSync(`${dir}/e2e-backend.json`, { force: true });
	console.log(`built ${label} into ${dir}`);
}
