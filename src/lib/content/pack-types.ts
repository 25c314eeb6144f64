/**
 * The compiled shapes a course becomes: what `courses:build` writes to `static/packs/` and
 * what the player reads. Shared by the compiler (Node) and the app, so both agree on one
 * format. Lessons are a small block tree, never HTML: the player renders it with Svelte
 * components (safe by construction) and read-aloud can address each block.
 */

export const PACK_FORMAT = 1;

export const PROGRAMMES = ['awareness', 'skills', 'public-sector', 'trainers', 'inclusion'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

export const CALLOUT_KINDS = ['key-point', 'example', 'try-it', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export type Inline =
	| { t: 'text'; v: string }
	| { t: 'code'; v: string }
	| { t: 'br' }
	| { t: 'em'; c: Inline[] }
	| { t: 'strong'; c: Inline[] }
	/** External https link. */
	| { t: 'link'; href: string; c: Inline[] }
	/** Link to another lesson of the same course (`lesson:<id>` in the source). */
	| { t: 'lesson-link'; lesson: string; c: Inline[] };

export type Block =
	| { t: 'heading'; level: 2 | 3; c: Inline[] }
	| { t: 'paragraph'; c: Inline[] }
	| { t: 'list'; ordered: boolean; items: Block[][] }
	| { t: 'callout'; kind: CalloutKind; c: Block[] }
	/** `src` is a data: URI (SVG or WebP inlined), so a stored pack needs nothing else. */
	| { t: 'image'; src: string; alt: string }
	| { t: 'exercise'; type: string; settings: Record<string, unknown> };

export type TranslationStatus = 'draft' | 'reviewed';

export interface QuizOption {
	id: string;
	text: string;
}

export type QuestionType = 'single' | 'multiple' | 'true-false';

/** A practice question: answers travel with it, practice is checked on the device. */
export interface PracticeQuestion {
	id: string;
	type: QuestionType;
	prompt: string;
	options: QuizOption[];
	answer: string[];
	explanation: string;
}

export interface PracticeQuiz {
	/** Language the text is really in (may differ from the pack's on fallback). */
	lang: string;
	questions: PracticeQuestion[];
}

/** A lesson body in one reading mode. */
export interface LessonText {
	title: string;
	blocks: Block[];
}

/** Recorded media are only accepted with their transcript or captions (accessibility). */
export interface LessonMedia {
	kind: 'audio' | 'video';
	url: string;
	bytes: number;
	/** Audio: the transcript as blocks. */
	transcript?: Block[];
	/** Video: WebVTT captions file. */
	captionsUrl?: string;
}

export interface PackLesson extends LessonText {
	id: string;
	minutes: number;
	status: TranslationStatus;
	/** Language the lesson text is really in. */
	lang: string;
	/** Set when the lesson is missing in the pack's language and this is the Urdu/English one. */
	fallbackLang?: string;
	easy?: LessonText;
	quiz?: PracticeQuiz;
	media?: LessonMedia[];
}

/** Final-assessment pool text — never answers: grading happens on the server. */
export interface AssessmentPoolText {
	lang: string;
	topics: Record<string, string>;
	questions: { id: string; topic: string; type: QuestionType; prompt: string; options: QuizOption[] }[];
}

export type AssessmentRule =
	| { kind: 'practice' }
	| { kind: 'final'; pass_mark: number; draw: number; attempts: number; cooldown_hours: number };

export interface CoursePack {
	format: typeof PACK_FORMAT;
	course: string;
	lang: string;
	programme: Programme;
	level: Level;
	minutes: number;
	title: string;
	summary: string;
	audience: string;
	prerequisites: string[];
	assessment: AssessmentRule;
	lessons: PackLesson[];
	pool?: AssessmentPoolText;
}

/** One language's pack as listed in the catalogue. */
export interface PackRef {
	url: string;
	hash: string;
	bytes: number;
	gzipBytes: number;
	/** complete: every lesson exists in this language; partial: some fall back. */
	status: 'complete' | 'partial';
	lessonsTranslated: number;
	lessonsReviewed: number;
}

export interface CatalogueCourse {
	id: string;
	programme: Programme;
	level: Level;
	minutes: number;
	/** Per language; the app falls back ur → en with a marker. */
	title: Record<string, string>;
	summary: Record<string, string>;
	audience: Record<string, string>;
	prerequisites: string[];
	assessment: AssessmentRule['kind'];
	lessons: { id: string; minutes: number; title: Record<string, string> }[];
	/** Final assessments: lesson ids to reread per topic (pool.yaml `revise`). */
	revise?: Record<string, string[]>;
	packs: Record<string, PackRef>;
}

export interface Catalogue {
	format: typeof PACK_FORMAT;
	courses: CatalogueCourse[];
}
