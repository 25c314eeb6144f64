import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run courses:check` as authors meet it: the real CLI in a child process. Broken content
 * must give `path:line: message` lines and a failing exit code — never a stack trace, whatever
 * bytes are in the files.
 */
const CLI = 'scripts/courses/run.js';
const PROBLEM_LINE = /^\S[^:]*:\d+: \S.*$/;

function check(dir: string, command = 'check'): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [CLI, command, dir], { timeout: 60_000 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

function expectNoCrash(stderr: string): void {
	expect(stderr).not.toMatch(/^\s+at /m);
	expect(stderr).not.toMatch(/\b(Type|Reference|Range|Syntax)?Error\b/);
}

/** Deterministic "random" bytes: the same garbage on every run, so a failure can be replayed. */
function garbage(seed: number, length: number): Buffer {
	const bytes = Buffer.alloc(length);
	let x = seed;
	for (let i = 0; i < length; i++) {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		bytes[i] = x >>> 24;
	}
	return bytes;
}

const temp = mkdtempSync(join(tmpdir(), 'seekh-courses-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// Each case starts Node and Vite's module runner: seconds of CPU on a shared, loaded machine.
describe('courses:check CLI', { timeout: 60_000 }, () => {
	it('passes a clean tree with exit code 0', async () => {
		const { code, stdout, stderr } = await check('tests/fixtures/courses');
		expect(code).toBe(0);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/no problems/);
	});

	it.each([
		['malformed-yaml', 'c/course.yaml:7: invalid YAML: Missing closing "quote'],
		['broken-link', 'c/one/en.md:9: link to unknown lesson "nowhere"'],
		['raw-html', 'c/one/en.md:7: raw HTML is not allowed'],
		['unknown-contact', 'c/one/en.md:9: unknown contact "nobody" (not in courses/_shared/contacts.yaml)']
	])('reports %s as path:line: message and fails', async (name, expected) => {
		const dir = `tests/fixtures/courses-broken/${name}`;
		const { code, stdout, stderr } = await check(dir);
		expect(code).toBe(1);
		const lines = stdout.trim().split('\n');
		for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
		expect(lines).toContain(`${dir}/${expected}`);
		expectNoCrash(stderr);
	});

	it('never crashes on binary garbage in course.yaml', async () => {
		const root = join(temp, 'garbage');
		mkdirSync(join(root, 'c'), { recursive: true });
		writeFileSync(join(root, 'c', 'course.yaml'), garbage(1, 4000));
		const { code, stdout, stderr } = await check(root);
		expect(code).toBe(1);
		expect(stdout.trim()).toMatch(/c\/course\.yaml:1: /);
		for (const line of stdout.trim().split('\n')) expect(line).toMatch(PROBLEM_LINE);
		expectNoCrash(stderr);
	});

	it('never crashes on garbage lessons and quizzes, or on a YAML alias bomb', async () => {
		const root = join(temp, 'mixed');
		cpSync('tests/fixtures/courses/mini', join(root, 'mini'), { recursive: true });
		writeFileSync(join(root, 'mini', 'first-steps', 'en.md'), Buffer.concat([Buffer.from('---\n'), garbage(2, 500), Buffer.from('\n---\n'), garbage(3, 2000)]));
		writeFileSync(join(root, 'mini', 'first-steps', 'quiz.yaml'), garbage(4, 2000));
		writeFileSync(join(root, 'mini', 'second-steps', 'en.md'), garbage(5, 3000));
		// Aliases of aliases: nine levels of nine is ~387 million strings once expanded.
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
		for (const [prev, next] of [...'abcdefgh'].map((c, i) => [c, 'bcdefghi'[i]])) bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
		mkdirSync(join(root, 'bomb'));
		writeFileSync(join(root, 'bomb', 'course.yaml'), bomb.join('\n') + '\n');
		const { code, stdout, stderr } = await check(root);
		expect(code).toBe(1);
		const lines = stdout.trim().split('\n');
		for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
		expect(lines.some((l) => /bomb\/course\.yaml:1: invalid YAML/.test(l))).toBe(true);
		expect(lines.some((l) => /mini\/first-steps\/quiz\.yaml:\d+: /.test(l))).toBe(true);
		expect(lines.some((l) => /mini\/second-steps\/en\.md:\d+: /.test(l))).toBe(true);
		expectNoCrash(stderr);
	});

	it('courses:minutes sets declared minutes to the computed reading time, so check passes', async () => {
		const root = join(temp, 'minutes');
		cpSync('tests/fixtures/courses', root, { recursive: true });
		const lesson = join(root, 'mini', 'first-steps', 'en.md');
		writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(/^minutes: \d+$/m, 'minutes: 30'));
		expect((await check(root)).code).toBe(1);
		expect((await check(root, 'minutes')).code).toBe(0);
		expect(readFileSync(lesson, 'utf8')).toMatch(/^minutes: 2$/m);
		expect((await check(root)).code).toBe(0);
	});
});
