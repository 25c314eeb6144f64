import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPacks } from '../../../scripts/courses/build-packs';
import { fsTree } from '../../../scripts/courses/fs-tree';
import { compileTree } from './compile-course';
import type { Catalogue, CoursePack } from '../content/pack-types';
import { formatProblem, isBlocking } from './problems';

const BROKEN = 'tests/fixtures/courses-broken';
const problemsOf = (rule: string) => compileTree(fsTree(join(BROKEN, rule))).problems.map(formatProblem);
const at = (rule: string, rest: string) => `${BROKEN}/${rule}/c/${rest}`;

describe('courses:check reports each rule as path:line: message', () => {
	const cases: [string, string[]][] = [
		['unknown-key', [at('unknown-key', 'course.yaml:12: unknown key "colour"')]],
		['missing-field', [at('missing-field', 'course.yaml:1: missing required field "level"')]],
		['duplicate-id', [at('duplicate-id', 'one/quiz.yaml:6: duplicate question id "q1"')]],
		['quiz-answer', [at('quiz-answer', 'one/quiz.yaml:5: answer "z" is not one of the options (a, b)')]],
		[
			'missing-language',
			[at('missing-language', 'one:1: lesson "one" has no ur.md (course.yaml declares ur)')]
		],
		['broken-link', [at('broken-link', 'one/en.md:9: link to unknown lesson "nowhere"')]],
		['missing-image', [at('missing-image', 'one/en.md:9: image "../media/nothing.svg" not found')]],
		[
			'missing-alt',
			[
				at(
					'missing-alt',
					'one/en.md:9: image "../media/dot.svg" has no alt text: describe the picture in the [brackets]'
				)
			]
		],
		[
			'raw-html',
			[
				at('raw-html', 'one/en.md:7: raw HTML is not allowed'),
				at('raw-html', 'one/en.md:9: raw HTML is not allowed')
			]
		],
		['html-comment', [at('html-comment', 'one/en.md:9: HTML comments are not allowed')]],
		[
			'remote-image',
			[
				at(
					'remote-image',
					`one/en.md:9: remote image "https://example.com/dot.svg": images must be local files in the course's media folder`
				)
			]
		],
		[
			'media-type',
			[
				at('media-type', 'media/photo.png:1: media must be .svg or .webp'),
				at('media-type', 'one/en.md:9: image "../media/photo.png" must be .svg or .webp')
			]
		],
		['malformed-yaml', [at('malformed-yaml', 'course.yaml:7: invalid YAML: Missing closing "quote')]],
		[
			'malformed-front-matter',
			[at('malformed-front-matter', 'one/en.md:1: the front matter is never closed with a line "---"')]
		],
		[
			'bad-front-matter',
			[at('bad-front-matter', 'one/en.md:4: "status" must be one of draft, reviewed (got "finished")')]
		],
		[
			'exercise',
			[
				at(
					'exercise',
					'one/en.md:9: unknown exercise type "mind-reader" (known: teach-classifier, bias-lab, chatbot-or-human, real-or-fake, recommender)'
				)
			]
		],
		[
			'easy-read',
			[
				at(
					'easy-read',
					'one/en.easy.md:9: do not use "#" headings: the lesson title is the page heading; use "##"'
				)
			]
		],
		[
			'audio-without-transcript',
			[
				at(
					'audio-without-transcript',
					'one/en.audio.mp3:1: recorded audio needs a transcript: add en.transcript.md'
				)
			]
		],
		[
			'video-without-captions',
			[at('video-without-captions', 'one/en.video.webm:1: video needs captions: add en.captions.vtt')]
		],
		// Second edition: honest minutes, short sentences, shared contacts, one word per
		// concept, and quizzes that cannot be passed by habit.
		[
			'reading-time',
			[
				at(
					'reading-time',
					'one/en.md:3: minutes: 9 declared, but the text takes about 0 (5 words in en); keep within 25%'
				)
			]
		],
		[
			'readability',
			[at('readability', 'course.yaml:1: en lessons average 15.5 words per sentence; keep it under 15')]
		],
		[
			'unknown-contact',
			[at('unknown-contact', 'one/en.md:9: unknown contact "nobody" (not in courses/_shared/contacts.yaml)')]
		],
		[
			'typed-contact',
			[
				at(
					'typed-contact',
					'one/en.md:9: number typed into the text: write {{contact:rescue.phone}} so it is fixed once in courses/_shared/contacts.yaml'
				),
				at(
					'typed-contact',
					'one/en.md:9: address typed into the text: write {{contact:rescue.url}} so it is fixed once in courses/_shared/contacts.yaml'
				)
			]
		],
		['glossary', [at('glossary', 'one/en.md:9: glossary: write "AI" for ai, not "artificial intelligence"')]],
		[
			'longest-option',
			[
				at(
					'longest-option',
					'one/quiz.en.yaml:1: the correct option is the longest in 2 of 2 single-choice questions (q1, q2); at most 1 (40%): make the wrong options as long and specific as the right one'
				)
			]
		],
		[
			'true-false-balance',
			[
				at(
					'true-false-balance',
					'one/quiz.yaml:1: true/false answers are unbalanced: 0 of 2 are "true" (keep 40–60%, or true and false within 1 of each other)'
				)
			]
		],
		[
			'multi-select-variety',
			[
				at(
					'multi-select-variety',
					'one/quiz.yaml:1: multi-select question "q3" has every option correct: leave at least one wrong option'
				),
				at(
					'multi-select-variety',
					'one/quiz.yaml:1: 3 of 3 multi-select questions have 2 correct options: vary it (1, 2 and 3 of 4), at most 1 the same (60%)'
				)
			]
		],
		[
			'pool-topic',
			[
				at(
					'pool-topic',
					'assessment/pool.yaml:7: question "q-two" has no topic: every final-pool question needs one from "topics" (basics)'
				)
			]
		],
		// A pool with a plain (unsealed) key gets the same fairness rules as practice quizzes,
		// plus variety of multi-select counts over the whole pool.
		[
			'pool-fairness',
			[
				at(
					'pool-fairness',
					'assessment/pool.en.yaml:1: the correct option is the longest in 2 of 2 single-choice questions (s1, s2); at most 1 (40%): make the wrong options as long and specific as the right one'
				),
				at(
					'pool-fairness',
					'assessment/pool.yaml:1: true/false answers are unbalanced: 0 of 3 are "true" (keep 40–60%, or true and false within 1 of each other)'
				),
				at(
					'pool-fairness',
					'assessment/pool.yaml:1: 3 of 4 multi-select questions have 2 correct options: vary it (1, 2 and 3 of 4), at most 2 the same (60%)'
				),
				at(
					'pool-fairness',
					'assessment/pool.yaml:1: the 4 multi-select questions only have 2 or 3 correct options: use 1, 2 and 3 correct (of 4) so ticking a habitual number does not pay'
				)
			]
		]
	];

	it('has a fixture for every case and no fixture without a case', () => {
		expect(readdirSync(BROKEN).sort()).toEqual(cases.map(([rule]) => rule).sort());
	});

	it.each(cases)('%s', (rule, expected) => {
		expect(problemsOf(rule)).toEqual(expected);
	});

	it('skips answer-based fairness for a sealed (age-encrypted) key instead of failing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'seekh-sealed-'));
		try {
			cpSync('tests/fixtures/courses', dir, { recursive: true });
			// Sealed keys are key.yaml.age beside the pool, with no plain key.yaml (docs/certification.md).
			rmSync(join(dir, 'exam', 'assessment', 'key.yaml'));
			writeFileSync(
				join(dir, 'exam', 'assessment', 'key.yaml.age'),
				'-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n'
			);
			const { problems, courses } = compileTree(fsTree(dir));
			expect(problems).toEqual([]);
			expect(courses.find((c) => c.meta.id === 'exam')?.pool?.fairness).toBeNull();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('checks pool.yaml "revise": known topics and lessons only, each problem on its line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'seekh-revise-'));
		try {
			cpSync('tests/fixtures/courses', dir, { recursive: true });
			const pool = join(dir, 'exam', 'assessment', 'pool.yaml');
			const original = readFileSync(pool, 'utf8');
			writeFileSync(
				pool,
				original.replace('topics: [basics]\n', 'topics: [basics]\nrevise:\n  basics: [only]\n')
			);
			const good = compileTree(fsTree(dir));
			expect(good.problems).toEqual([]);
			expect(good.courses.find((c) => c.meta.id === 'exam')?.pool?.revise).toEqual({ basics: ['only'] });

			writeFileSync(
				pool,
				original.replace(
					'topics: [basics]\n',
					'topics: [basics]\nrevise:\n  basics: [nowhere]\n  other: [only]\n'
				)
			);
			const bad = compileTree(fsTree(dir)).problems.map(formatProblem);
			expect(bad).toEqual([
				expect.stringMatching(/exam\/assessment\/pool\.yaml:3: unknown lesson "nowhere"/),
				expect.stringMatching(/exam\/assessment\/pool\.yaml:4: unknown topic "other"/)
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('fails check on quality rules but lets the build write packs', () => {
		for (const rule of ['reading-time', 'readability', 'glossary', 'longest-option']) {
			const problems = compileTree(fsTree(join(BROKEN, rule))).problems;
			expect(problems.length).toBeGreaterThan(0);
			expect(problems.filter(isBlocking)).toEqual([]);
		}
		// A placeholder left unresolved would reach learners: that one blocks the build.
		expect(compileTree(fsTree(join(BROKEN, 'unknown-contact'))).problems.filter(isBlocking)).toHaveLength(1);
	});
});

describe('courses:build', () => {
	const out = mkdtempSync(join(tmpdir(), 'seekh-packs-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));
	const { problems, courses } = compileTree(fsTree('tests/fixtures/courses'));
	const figures = buildPacks(courses, 'tests/fixtures/courses', out);
	const catalogue = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as Catalogue;
	const pack = (course: string, lang: string) => {
		const ref = catalogue.courses.find((c) => c.id === course)!.packs[lang]!;
		return JSON.parse(readFileSync(join(out, ref.url.replace('/packs/', '')), 'utf8')) as CoursePack;
	};

	it('builds the valid fixture without problems, one hashed pack per course and language', () => {
		expect(problems).toEqual([]);
		expect(figures.map((f) => `${f.course}/${f.lang}`).sort()).toEqual([
			'exam/en',
			'mini/en',
			'mini/sd',
			'mini/ur'
		]);
		for (const f of figures) expect(f.file).toMatch(/^[a-z-]+\/[a-zA-Z-]+\.[0-9a-f]{12}\.json$/);
		expect(catalogue.courses.find((c) => c.id === 'mini')!.packs.sd!.status).toBe('partial');
	});

	it('compiles lessons to a block tree with inlined images, quizzes and easy-read text', () => {
		const en = pack('mini', 'en');
		const lesson = en.lessons[0]!;
		expect(lesson.blocks.map((b) => b.t)).toEqual([
			'paragraph',
			'heading',
			'image',
			'callout',
			'list',
			'paragraph'
		]);
		const image = lesson.blocks[2] as { src: string; alt: string };
		expect(image.src).toMatch(/^data:image\/svg\+xml,/);
		expect(image.alt).toBe('A green dot');
		expect(lesson.easy?.title).toBe('First steps (easy)');
		expect(lesson.quiz?.questions.map((q) => [q.id, q.answer])).toEqual([
			['what-is-ai', ['b']],
			['which-learn', ['a', 'c']],
			['ai-is-magic', ['false']]
		]);
		expect(en.lessons[1]!.blocks[1]).toEqual({
			t: 'exercise',
			type: 'real-or-fake',
			settings: { type: 'real-or-fake', set: 'text' }
		});
	});

	it('resolves shared contacts in the lesson text, links included', () => {
		const last = pack('mini', 'en').lessons[1]!.blocks.at(-1);
		expect(last).toEqual({
			t: 'paragraph',
			c: [
				{ t: 'text', v: 'In an emergency call Rescue 1122 on ' },
				{ t: 'link', href: 'tel:1122', c: [{ t: 'text', v: '1122' }] },
				{ t: 'text', v: '.' }
			]
		});
	});

	it('carries a missing lesson in Urdu, flagged, in a partial language pack', () => {
		const sd = pack('mini', 'sd');
		expect(sd.lessons.map((l) => [l.id, l.lang, l.fallbackLang])).toEqual([
			['first-steps', 'sd', undefined],
			['second-steps', 'ur', 'ur']
		]);
		expect(sd.title).toBe('چھوٹا کورس');
	});

	it('puts the assessment pool text in the pack but never the key', () => {
		const exam = pack('exam', 'en');
		expect(exam.pool?.questions.map((q) => q.id)).toEqual(['q-one', 'q-two', 'q-three']);
		expect(exam.pool?.questions.every((q) => !('answer' in q))).toBe(true);
		const key = readFileSync('tests/fixtures/courses/exam/assessment/key.yaml', 'utf8');
		const everything = listFiles(out).map((f) => readFileSync(f, 'utf8'));
		expect(everything.length).toBeGreaterThan(0);
		for (const text of everything) {
			expect(text).not.toContain('SECRET-KEY-MARKER');
			expect(text).not.toContain(key.split('\n')[1]);
		}
		expect(listFiles(out).some((f) => /key/i.test(f.slice(out.length)))).toBe(false);
	});
});

function listFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}
