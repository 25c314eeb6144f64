import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { readAssessmentsOpened, standInKey } from './assessment-seed.js';
import { readSealedKeys, sealAll, unsealAll } from './answer-keys.js';
import { compileTree } from '../src/lib/content-compiler/compile-course';
import { formatProblem } from '../src/lib/content-compiler/problems';
import { fsTree } from './courses/fs-tree';

/**
 * Defect 3 (answer keys out of plain git) and the pool rules courses:check enforces for
 * defect 2, on copies of the fixture courses in a temporary folder.
 */
const work = mkdtempSync(join(tmpdir(), 'seekh-keys-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function coursesCopy(name: string): string {
	const dir = join(work, name);
	cpSync('tests/fixtures/cert-courses/cert-strata', join(dir, 'cert-strata'), { recursive: true });
	return dir;
}

const poolProblems = (dir: string) =>
	compileTree(fsTree(dir))
		.problems.filter((p) => p.kind === 'pool')
		.map(formatProblem);

describe('answer keys sealed with age', () => {
	it('seals idempotently, opens only with the identity, and seeds nothing without it', async () => {
		const dir = coursesCopy('seal');
		const identity = await generateX25519Identity();
		mkdirSync(join(dir, '_keys'));
		writeFileSync(join(dir, '_keys', 'recipients.txt'), `# test\n${await identityToRecipient(identity)}\n`);
		const plainFile = join(dir, 'cert-strata', 'assessment', 'key.yaml');
		const sealedFile = `${plainFile}.age`;
		const plain = readFileSync(plainFile, 'utf8');

		expect((await sealAll(dir, identity)).sealed).toEqual([sealedFile]);
		const sealed = readFileSync(sealedFile, 'utf8');
		expect(sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
		expect(sealed).not.toContain('q-basics-1');
		// Unchanged key, identity at hand: the sealed file is left exactly as it was.
		expect(await sealAll(dir, identity)).toEqual({ sealed: [], unchanged: [sealedFile] });
		expect(readFileSync(sealedFile, 'utf8')).toBe(sealed);

		rmSync(plainFile);
		const without = await readSealedKeys(dir, null);
		expect(without.sealedWithoutIdentity).toEqual([join(dir, 'cert-strata', 'assessment')]);
		const notSeeded = await readAssessmentsOpened(dir);
		expect(notSeeded.assessments).toEqual([]);
		expect(notSeeded.problems.join('\n')).toMatch(/sealed and SEEKH_KEYS_IDENTITY is not set/);
		// A wrong identity opens nothing.
		await expect(readSealedKeys(dir, await generateX25519Identity())).rejects.toThrow();

		process.env.SEEKH_KEYS_IDENTITY = identity;
		try {
			const seeded = await readAssessmentsOpened(dir);
			expect(seeded.problems).toEqual([]);
			const q = seeded.assessments[0]?.questions.find((x) => x.id === 'q-basics-2');
			expect(q?.answer).toEqual(['b']);
		} finally {
			delete process.env.SEEKH_KEYS_IDENTITY;
		}
		expect(await unsealAll(dir, identity)).toEqual([plainFile]);
		expect(readFileSync(plainFile, 'utf8')).toBe(plain);
	});

	it('courses:check says whether it checked the keys or only the pool structure', async () => {
		const dir = coursesCopy('check');
		const identity = await generateX25519Identity();
		mkdirSync(join(dir, '_keys'));
		writeFileSync(join(dir, '_keys', 'recipients.txt'), `${await identityToRecipient(identity)}\n`);
		const keyFile = join(dir, 'cert-strata', 'assessment', 'key.yaml');
		// A wrong answer id in the key: only a check that reads the key can see it.
		writeFileSync(keyFile, readFileSync(keyFile, 'utf8').replace('q-basics-1: [a]', 'q-basics-1: [z]'));
		await sealAll(dir, identity);
		rmSync(keyFile);
		const run = (env: Record<string, string>) => {
			try {
				execFileSync(process.execPath, ['scripts/courses/run.js', 'check', dir], {
					env: { ...process.env, SEEKH_KEYS_IDENTITY: '', ...env },
					stdio: 'pipe'
				});
				return '';
			} catch (e) {
				const err = e as { stdout: Buffer; stderr: Buffer };
				return `${err.stdout.toString()}${err.stderr.toString()}`;
			}
		};
		const blind = run({});
		expect(blind).toMatch(
			/answer keys NOT checked \(sealed; set SEEKH_KEYS_IDENTITY to check them\): cert-strata/
		);
		expect(blind).not.toMatch(/"z"/);
		const seeing = run({ SEEKH_KEYS_IDENTITY: identity });
		expect(seeing).toMatch(/answer keys checked: cert-strata/);
		expect(seeing).toMatch(/key\.yaml:\d+: .*z/);
		expect(existsSync(keyFile)).toBe(false); // checking never writes the plain key
	}, 60_000);

	it('stand-in keys for tests depend on the public pool only', () => {
		const key = standInKey('tests/fixtures/cert-courses/cert-sample');
		expect(key['q-basics-3']).toEqual(['true']);
		expect(key['q-basics-1']).toEqual(['a']);
	});
});

describe('courses:check pool rules (defect 2)', () => {
	const setDraw = (dir: string, draw: number) => {
		const file = join(dir, 'cert-strata', 'course.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/draw: \d+/, `draw: ${draw}`));
	};

	it('accepts a pool of 3 × draw that covers every topic', () => {
		expect(poolProblems(coursesCopy('ok'))).toEqual([]);
	});

	it('refuses a pool smaller than 3 × draw', () => {
		const dir = coursesCopy('small');
		setDraw(dir, 5);
		expect(poolProblems(dir).join('\n')).toMatch(
			/pool has 12 questions; it must hold at least 3 × draw \(15\)/
		);
	});

	it('refuses a draw smaller than the number of topics, and a topic too thin for its share', () => {
		const dir = coursesCopy('narrow');
		setDraw(dir, 3);
		expect(poolProblems(dir).join('\n')).toMatch(/draw \(3\) is smaller than the number of topics \(4\)/);
		// Every privacy question moved to basics: an attempt could no longer cover privacy.
		const thin = coursesCopy('thin');
		const pool = join(thin, 'cert-strata', 'assessment', 'pool.yaml');
		writeFileSync(pool, readFileSync(pool, 'utf8').replaceAll('topic: privacy', 'topic: basics'));
		expect(poolProblems(thin).join('\n')).toMatch(
			/topic "privacy" has 0 question\(s\); every attempt draws up to 1 from it/
		);
	});
});
