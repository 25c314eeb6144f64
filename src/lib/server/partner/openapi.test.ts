import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { GET } from '../../../routes/api/partner/v1/openapi.json/+server';

/**
 * The published description of the partner API is valid OpenAPI 3.1 (checked by a real
 * validator) and complete: every route under src/routes/api/partner/v1 with every method it
 * exports is in the document, and the document describes nothing that is not there.
 */
const ROOT = fileURLToPath(new URL('../../../routes/api/partner/v1', import.meta.url));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routesInCode(dir = ROOT): string[] {
	const found: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) found.push(...routesInCode(path));
		else if (name === '+server.ts') {
			const source = readFileSync(path, 'utf8');
			const route =
				'/' +
				relative(ROOT, dir)
					.split(sep)
					.filter(Boolean)
					.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}'))
					.join('/');
			for (const method of METHODS)
				if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source))
					found.push(`${method} ${route}`);
		}
	}
	return found.sort();
}

async function served(): Promise<Record<string, unknown>> {
	const response = await GET({} as never);
	expect(response.headers.get('content-type')).toBe('application/json');
	return (await response.json()) as Record<string, unknown>;
}

describe('the partner API description (OpenAPI 3.1)', () => {
	it('is valid by @readme/openapi-parser', async () => {
		const document = await served();
		expect(document.openapi).toBe('3.1.0');
		const result = await validate(structuredClone(document) as never);
		expect(result.valid ? '' : compileErrors(result)).toBe('');
		expect(result.valid).toBe(true);
	});

	it('describes every route in the code, and only those', async () => {
		const paths = (await served()).paths as Record<string, Record<string, unknown>>;
		const documented = Object.entries(paths)
			.flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
			.sort();
		const inCode = routesInCode();
		expect(inCode.length).toBeGreaterThanOrEqual(7);
		expect(documented).toEqual(inCode);
	});

	it('the validator does catch a broken document (this test can fail)', async () => {
		const broken = structuredClone(await served()) as {
			paths: Record<string, { get?: { responses?: unknown } }>;
		};
		broken.paths['/key']!.get!.responses = { '200': { content: {} } }; // a response needs a description
		expect((await validate(broken as never)).valid).toBe(false);
	});
});
