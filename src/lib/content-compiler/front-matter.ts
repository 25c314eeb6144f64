import type { TranslationStatus } from '../content/pack-types';
import type { Reporter } from './problems';
import { checkMapping, checkNumber, checkOneOf, checkString } from './yaml-checks';
import { YamlSource } from './yaml-source';

export interface LessonFrontMatter {
	title: string;
	minutes: number;
	status: TranslationStatus;
}

export interface SplitLesson {
	meta: LessonFrontMatter | null;
	body: string;
	/** File line of the body's first line. */
	bodyLine: number;
}

/** Splits `---` front matter from a lesson file and checks it; never throws. */
export function splitFrontMatter(text: string, reporter: Reporter): SplitLesson {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (lines[0]?.trim() !== '---') {
		reporter.report(
			1,
			'a lesson file must start with front matter: a line "---", then title, minutes and status, then "---"'
		);
		return { meta: null, body: lines.join('\n'), bodyLine: 1 };
	}
	const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
	if (close === -1) {
		reporter.report(1, 'the front matter is never closed with a line "---"');
		return { meta: null, body: '', bodyLine: lines.length + 1 };
	}
	const src = new YamlSource(lines.slice(1, close).join('\n'), reporter, 2);
	const body = lines.slice(close + 1).join('\n');
	const v = src.value;
	if (!src.failed && (v === null || v === undefined)) {
		reporter.report(1, 'the front matter is empty: it needs title, minutes and status');
		return { meta: null, body, bodyLine: close + 2 };
	}
	if (!checkMapping(src, [], v, ['title', 'minutes', 'status']))
		return { meta: null, body, bodyLine: close + 2 };
	const ok = [
		checkString(src, ['title'], v.title),
		checkNumber(src, ['minutes'], v.minutes, 1, 600),
		checkOneOf(src, ['status'], v.status, ['draft', 'reviewed'] as const)
	].every(Boolean);
	const meta = ok
		? { title: String(v.title).trim(), minutes: v.minutes as number, status: v.status as TranslationStatus }
		: null;
	return { meta, body, bodyLine: close + 2 };
}
