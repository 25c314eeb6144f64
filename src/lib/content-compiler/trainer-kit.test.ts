import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildKitPacks, buildPacks } from '../../../scripts/courses/build-packs';
import { fsTree } from '../../../scripts/courses/fs-tree';
import { KIT_SECTIONS, type KitCatalogue, type KitPack } from '../content/kit-types';
import { compileTree } from './compile-course';
import { formatProblem } from './problems';

const BROKEN = 'tests/fixtures/trainer-kit-broken';
const problemsOf = (rule: string) => compileTree(fsTree(join(BROKEN, rule))).problems.map(formatProblem);
const at = (rule: string, rest: string) => `${BROKEN}/${rule}/_trainer-kit/${rest}`;

describe('courses:check reports each trainer-kit rule as path:line: message', () => {
	const cases: [string, string][] = [
		['missing-guide', at('missing-guide', 'one:1: lesson "one" has no en facilitator guide (en.md)')],
		[
			'missing-safeguarding',
			`${BROKEN}/missing-safeguarding/_trainer-kit:1: the kit has no en safeguarding protocol (safeguarding.en.md)`
		],
		['missing-section', at('missing-section', 'one/en.md:1: the guide has no "## … {#demonstrate}" section')],
		[
			'unknown-section',
			at(
				'unknown-section',
				'one/en.md:20: unknown section "{#homework}" (sections: plan-60, plan-90, activity, demonstrate, misconceptions, safeguarding)'
			)
		],
		[
			'plan-minutes',
			at('plan-minutes', 'one/en.md:13: the steps of the 90-minute plan add up to 85 minutes, not 90')
		],
		[
			'few-misconceptions',
			at(
				'few-misconceptions',
				'one/en.md:26: give at least 3 misconceptions, each as a "###" heading with its answer (found 2)'
			)
		],
		[
			'no-include',
			at(
				'no-include',
				'one/en.md:40: the safeguarding section must include the shared protocol: add a line {{safeguarding}}'
			)
		],
		[
			'unverified-contact',
			at(
				'unverified-contact',
				'safeguarding.en.md:6: contact "rumoured" is not verified: the line that prints its phone must say so and print {{contact:rumoured.checked}}'
			)
		],
		['stray-folder', at('stray-folder', 'two:1: folder "two" is not a lesson of c')]
	];
	it.each(cases)('%s', (rule, expected) => {
		expect(problemsOf(rule)).toEqual([expected]);
	});

	it('has a fixture for every case and no fixture without a case', () => {
		expect(readdirSync(BROKEN).sort()).toEqual(cases.map(([rule]) => rule).sort());
	});
});

describe('the trainer kit in the real courses folder', () => {
	const { problems, courses, kit } = compileTree(fsTree('courses'));

	it('has a guide in English and Urdu for every awareness lesson, each with every section', () => {
		expect(problems.filter((p) => p.file.includes('_trainer-kit')).map(formatProblem)).toEqual([]);
		const awareness = courses.find((c) => c.meta.id === 'ai-awareness');
		expect(kit?.course).toBe('ai-awareness');
		expect([...(kit?.guides.keys() ?? [])]).toEqual(awareness?.meta.lessons);
		for (const [, byLang] of kit?.guides ?? []) {
			expect([...byLang.keys()].sort()).toEqual(['en', 'ur']);
			for (const [, guide] of byLang)
				expect(guide.sections.map((s) => s.id).sort()).toEqual([...KIT_SECTIONS].sort());
		}
	});

	it('prints only numbers from contacts.yaml, and says where one is unverified', () => {
		const ur = kit?.safeguarding.get('ur');
		const text = JSON.stringify(ur);
		expect(text).toContain('15');
		expect(text).toContain('0800-39393');
		// The police number is news-sourced: its line carries the date it was last checked.
		expect(text).toMatch(/15[^"]*"\}[^]*آخری جانچ 2026-12-02/);
	});
});

describe('courses:build writes the kit as its own packs', () => {
	const out = mkdtempSync(join(tmpdir(), 'seekh-kit-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));

	it('writes one hashed pack per kit language and an index the learner catalogue does not list', () => {
		const { courses, kit, problems } = compileTree(fsTree('tests/fixtures/courses'));
		expect(problems.map(formatProblem)).toEqual([]);
		buildPacks(courses, 'tests/fixtures/courses', out);
		buildKitPacks(kit!, out);
		const index = JSON.parse(readFileSync(join(out, 'trainer-kit/index.json'), 'utf8')) as KitCatalogue;
		expect(Object.keys(index.packs).sort()).toEqual(['en', 'ur']);
		expect(readFileSync(join(out, 'index.json'), 'utf8')).not.toContain('trainer-kit');
		const ur = JSON.parse(
			readFileSync(join(out, index.packs.ur!.url.replace('/packs/', '')), 'utf8')
		) as KitPack;
		expect(ur.guides.map((g) => g.lesson)).toEqual(['first-steps', 'second-steps']);
		expect(ur.guides[0]?.sections.find((s) => s.id === 'safeguarding')?.includesSafeguarding).toBe(true);
		expect(JSON.stringify(ur.safeguarding)).toContain('ریسکیو 1122');
		expect(JSON.stringify(ur.safeguarding)).toContain('1122');
	});
});
