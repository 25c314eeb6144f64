/**
 * What may live in a lesson folder. Anything else is reported, so a typo such as
 * `ur.md.txt` or `quiz.urdu.yaml` is caught instead of silently ignored.
 */
export type LessonFile =
	| { kind: 'lesson'; lang: string }
	| { kind: 'easy'; lang: string }
	| { kind: 'quiz' }
	| { kind: 'quiz-text'; lang: string }
	| { kind: 'audio'; lang: string; ext: string }
	| { kind: 'transcript'; lang: string }
	| { kind: 'video'; lang: string; ext: string }
	| { kind: 'captions'; lang: string };

export const AUDIO_TYPES: Record<string, string> = {
	opus: 'audio/ogg',
	ogg: 'audio/ogg',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4'
};
export const VIDEO_TYPES: Record<string, string> = { webm: 'video/webm', mp4: 'video/mp4' };

const LANG = '([a-z]{2,3}(?:-[A-Za-z]{4})?)';
const PATTERNS: [RegExp, (m: RegExpExecArray) => LessonFile][] = [
	[new RegExp(`^${LANG}\\.md$`), (m) => ({ kind: 'lesson', lang: m[1]! })],
	[new RegExp(`^${LANG}\\.easy\\.md$`), (m) => ({ kind: 'easy', lang: m[1]! })],
	[/^quiz\.yaml$/, () => ({ kind: 'quiz' })],
	[new RegExp(`^quiz\\.${LANG}\\.yaml$`), (m) => ({ kind: 'quiz-text', lang: m[1]! })],
	[new RegExp(`^${LANG}\\.audio\\.([a-z0-9]+)$`), (m) => ({ kind: 'audio', lang: m[1]!, ext: m[2]! })],
	[new RegExp(`^${LANG}\\.transcript\\.md$`), (m) => ({ kind: 'transcript', lang: m[1]! })],
	[new RegExp(`^${LANG}\\.video\\.([a-z0-9]+)$`), (m) => ({ kind: 'video', lang: m[1]!, ext: m[2]! })],
	[new RegExp(`^${LANG}\\.captions\\.vtt$`), (m) => ({ kind: 'captions', lang: m[1]! })]
];

export function classifyLessonFile(name: string): LessonFile | null {
	for (const [pattern, make] of PATTERNS) {
		const m = pattern.exec(name);
		if (m) return make(m);
	}
	return null;
}
