import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RequestHandler } from '@sveltejs/kit';

export const prerender = false;

/** Scalar's standalone bundle, from the installed package (a dependency, so present at run time). */
let bundle: Promise<Buffer> | undefined;

export const GET: RequestHandler = async () => {
	// The package exports no path to its browser bundle; it sits beside the main entry.
	const main = createRequire(import.meta.url).resolve('@scalar/api-reference');
	bundle ??= readFile(join(dirname(main), 'browser', 'standalone.js'));
	return new Response(new Uint8Array(await bundle), {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': 'public, max-age=86400'
		}
	});
};
