import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPacks } from '../../../scripts/courses/build-packs';
import { fsTree } from '../../../scripts/courses/fs-tree';
import { compileTree } from './compile-course';
import type { Catalogue, CoursePack } from '../content/pack-types';
import { formatProblem } from './problems';

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
		]
	];

	it('has a fixture for every case and no fixture without a case', () => {
		expect(readdirSync(BROKEN).sort()).toEqual(cases.map(([rule]) => rule).sort());
	});

	it.each(cases)('%s', (rule, expected) => {
		expect(problemsOf(rule)).toEqual(expected);
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
