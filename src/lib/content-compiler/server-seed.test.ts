import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readServerSeedFromDisk } from '../../../scripts/courses/server-seed';

/**
 * The server is seeded from the compiler's own reading of courses/ (catalogue, pools, answer
 * keys): a key the compiler rejects never reaches the table that grades learners.
 */
const fixtures = fileURLToPath(new URL('../../../tests/fixtures/cert-courses', import.meta.url));

describe('readServerSeed', () => {
	it('reads catalogue, pool and answer key of each final assessment', () => {
		const seed = readServerSeedFromDisk(fixtures);
		expect(seed.problems).toEqual([]);
		expect(seed.catalogue.map((c) => [c.id, c.assessment, c.lessons])).toEqual([
			['cert-sample', 'final', ['intro']],
			['cert-strata', 'final', ['intro']],
			['cert-trainers', 'final', ['intro']]
		]);
		const sample = seed.assessments.find((a) => a.courseId === 'cert-sample');
		expect(sample).toMatchObject({
			passMark: 60,
			draw: 4,
			attempts: 2,
			cooldownHours: 24,
			demonstration: false
		});
		expect(
			sample?.questions.every((q) => q.answer.length > 0 && q.answer.every((a) => q.options.includes(a)))
		).toBe(true);
		expect(seed.assessments.find((a) => a.courseId === 'cert-trainers')?.demonstration).toBe(true);
	});

	it('leaves out an assessment whose key the compiler rejects, and names the line', () => {
		const seed = readServerSeedFromDisk(fixtures, (path, read) =>
			path === 'cert-sample/assessment/key.yaml' ? 'q-basics-1: [z]\n' : read(path)
		);
		expect(seed.assessments.map((a) => a.courseId)).toEqual(['cert-strata', 'cert-trainers']);
		expect(seed.catalogue.map((c) => c.id)).toContain('cert-sample');
		expect(seed.problems.join('\n')).toMatch(/cert-sample\/assessment\/key\.yaml:1: /);
	});
});
