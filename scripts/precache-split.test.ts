import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { laterFiles } from './precache-split.js';

/** Generated SvelteKit nodes as the build writes them: one file per route, naming its source. */
function nodes(routes: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'seekh-nodes-'));
	for (const [name, route] of Object.entries(routes))
		writeFileSync(join(dir, name), `export { default as component } from "../../../../${route}";`);
	return dir;
}

describe('laterFiles (what the first visit does not precache)', () => {
	const dir = nodes({
		'0.js': 'src/routes/+layout.svelte',
		'2.js': 'src/routes/courses/+page.svelte',
		'14.js': 'src/routes/staff/+page.svelte',
		'15.js': 'src/routes/verify/+page.svelte'
	});
	const manifest = {
		'app.js': {
			file: 'app.js',
			isEntry: true,
			dynamicImports: ['n/nodes/0.js', 'n/nodes/2.js', 'n/nodes/14.js', 'n/nodes/15.js']
		},
		'n/nodes/0.js': {
			file: 'nodes/0.js',
			isEntry: true,
			imports: ['_shared.js'],
			dynamicImports: ['locales/ur/common.json', 'locales/sd/common.json', 'locales/ur/staff.json']
		},
		'n/nodes/2.js': {
			file: 'nodes/2.js',
			isEntry: true,
			imports: ['_shared.js', '_player.js'],
			css: ['player.css']
		},
		'n/nodes/14.js': {
			file: 'nodes/14.js',
			isEntry: true,
			imports: ['_shared.js', '_staff.js'],
			css: ['staff.css']
		},
		'n/nodes/15.js': { file: 'nodes/15.js', isEntry: true, imports: ['_verifier.js', '_player.js'] },
		'_shared.js': { file: 'chunks/shared.js' },
		'_player.js': { file: 'chunks/player.js' },
		'_staff.js': { file: 'chunks/staff.js' },
		'_verifier.js': { file: 'chunks/verifier.js' },
		'locales/ur/common.json': { file: 'chunks/ur-common.js' },
		'locales/sd/common.json': { file: 'chunks/sd-common.js' },
		'locales/ur/staff.json': { file: 'chunks/ur-staff.js' }
	};

	it('leaves staff code, regional strings and staff strings for later; verification stays', () => {
		expect([...laterFiles(manifest, dir)].sort()).toEqual([
			'chunks/sd-common.js',
			'chunks/staff.js',
			'chunks/ur-staff.js',
			'nodes/14.js',
			'staff.css'
		]);
	});

	it('keeps code a learner page shares with a later page in the core', () => {
		const later = laterFiles(manifest, dir);
		for (const core of [
			'chunks/shared.js',
			'chunks/player.js',
			'chunks/ur-common.js',
			'nodes/2.js',
			'player.css'
		])
			expect(later.has(core)).toBe(false);
	});
});
