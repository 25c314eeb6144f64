import { formatNumber } from '$lib/i18n/format';
import { getLanguage, isLanguageCode, type LanguageCode } from '$lib/i18n/languages';
import { contentDir, localized, packLanguageFor } from '$lib/content/localized';
import {
	PROGRAMMES,
	type Block,
	type Catalogue,
	type CoursePack,
	type Inline
} from '$lib/content/pack-types';
import { blockChars, heldFrom } from '$lib/content/player/draw-steps';
import { translator, type Translate } from './strings';

/**
 * The public pages' content as plain HTML, in the learner's language: what the app draws first
 * on `/`, the catalogue, a course and a lesson, without what depends on this device (progress,
 * downloads). Links are ordinary links, so the page is usable before JavaScript runs. Every
 * text is escaped: pack content cannot inject markup (as in the app's LessonBlocks).
 */
export interface Paint {
	/** The app's name in the language (Open Graph site name). */
	site: string;
	/** The header bar, as the app first draws it (`header()`). */
	header: string;
	title: string;
	description: string;
	html: string;
}

/** What each page paints; the name and the header are the same on every page. */
type PagePaint = Omit<Paint, 'site' | 'header'>;

export interface PaintSources {
	catalogue: () => Promise<Catalogue | null>;
	pack: (url: string) => Promise<CoursePack | null>;
}

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);
}
const e = escapeHtml;

/** `lang`/`dir` attributes for content that may be in a fallback language. */
function langAttrs(lang: string): string {
	return ` lang="${e(lang)}" dir="${contentDir(lang)}"`;
}

export async function paintFor(
	routeId: string,
	params: Record<string, string>,
	lang: LanguageCode,
	sources: PaintSources
): Promise<Paint | null> {
	const t = translator(lang);
	const app = t('app.name');
	const page = await paintPage(routeId, params, lang, sources, t, app);
	return page && { site: app, header: header(t, app), ...page };
}

/**
 * The app's header bar (AppHeader.svelte) as it first draws it: the name, the network line and
 * the menu button on one line (which wraps at large text sizes), the learner's sync line below,
 * with the same boxes. So it is as tall as the app's at every text size and the page under it
 * does not move at the hand-over: a bar of fixed height (88 px) was 19–103 px short of the app's
 * at 150–200% text. The network line and the menu button need the app; their places are kept,
 * empty, until it draws them.
 */
function header(t: Translate, app: string): string {
	return `<header class="paint-header"><div class="paint-bar"><a class="paint-brand" href="/">${e(app)}</a><span class="paint-network paint-slot"><span class="paint-dot"></span> ${e(t('network.online'))}</span><button type="button" class="paint-menu paint-slot" tabindex="-1"><span class="icon">☰</span> ${e(t('nav.menu'))}</button></div><div class="paint-sync"></div></header>`;
}

async function paintPage(
	routeId: string,
	params: Record<string, string>,
	lang: LanguageCode,
	sources: PaintSources,
	t: Translate,
	app: string
): Promise<PagePaint | null> {
	if (routeId === '/') return home(t, app);
	const catalogue = await sources.catalogue();
	if (!catalogue) return null;
	if (routeId === '/courses') return courses(t, app, lang, catalogue);
	const course = catalogue.courses.find((c) => c.id === params.courseId);
	if (!course) return null;
	if (routeId === '/courses/[courseId]') return coursePage(t, app, lang, course);
	if (routeId !== '/courses/[courseId]/[lessonId]') return null;
	const packLang = packLanguageFor(course, lang);
	const ref = packLang ? course.packs[packLang] : undefined;
	const pack = ref ? await sources.pack(ref.url) : null;
	const index = pack?.lessons.findIndex((l) => l.id === params.lessonId) ?? -1;
	if (!pack || index < 0) return null;
	return lessonPage(t, app, lang, course.id, pack, index);
}

function home(t: Translate, app: string): PagePaint {
	return {
		title: `${app} · ${t('app.tagline')}`,
		description: t('home.intro'),
		html: `<section><h1>${e(t('home.heading'))}</h1><p>${e(t('home.intro'))}</p>
<p class="paint-actions"><a class="button primary" href="/courses/ai-awareness">${e(t('home.startAwareness'))}</a> <a class="button" href="/courses">${e(t('home.browseCourses'))}</a></p>
<p class="paint-muted">${e(t('home.offlineNote'))}</p></section>
<nav class="paint-more" aria-label="${e(t('nav.certificates'))}"><a href="/certificates">${e(t('nav.certificates'))}</a> <a href="/verify">${e(t('nav.verify'))}</a></nav>
<section><h2>${e(t('home.whyHeading'))}</h2><ul><li>${e(t('home.why.scams'))}</li><li>${e(t('home.why.work'))}</li><li>${e(t('home.why.rights'))}</li></ul></section>`
	};
}

function courses(t: Translate, app: string, lang: LanguageCode, catalogue: Catalogue): PagePaint {
	const num = (n: number) => formatNumber(n, lang);
	const groups = PROGRAMMES.map((p) => ({
		p,
		list: catalogue.courses.filter((c) => c.programme === p)
	})).filter((g) => g.list.length > 0);
	const sections = groups.map(({ p, list }) => {
		const cards = list.map((course) => {
			const title = localized(course.title, lang);
			const summary = localized(course.summary, lang);
			return `<li class="paint-card"><h3><a href="/courses/${encodeURIComponent(course.id)}"${langAttrs(title.lang)}>${e(title.text)}</a></h3>
<p${langAttrs(summary.lang)}>${e(summary.text)}</p>
<p class="paint-card-facts"><span>${e(t('course:catalogue.lessons', { n: num(course.lessons.length) }))}</span> <span>${e(t('course:catalogue.minutes', { n: num(course.minutes) }))}</span></p></li>`;
		});
		return `<section><h2>${e(t(`course:programme.${p}`))}</h2><ul class="paint-cards">${cards.join('')}</ul></section>`;
	});
	return {
		title: `${t('nav.courses')} · ${app}`,
		description: t('course:catalogue.intro'),
		html: `<h1>${e(t('nav.courses'))}</h1><p>${e(t('course:catalogue.intro'))}</p>${sections.join('')}`
	};
}

function coursePage(
	t: Translate,
	app: string,
	lang: LanguageCode,
	course: Catalogue['courses'][number]
): PagePaint {
	const title = localized(course.title, lang);
	const summary = localized(course.summary, lang);
	const audience = localized(course.audience, lang);
	const base = `/courses/${encodeURIComponent(course.id)}`;
	const first = course.lessons[0];
	const lessons = course.lessons
		.map((l) => {
			const lt = localized(l.title, lang);
			// The app's outline (CourseOutline.svelte): the tick's box is kept empty, since whether
			// a lesson is done lives on the device; the app fills it in without moving the title.
			return `<li><a href="${base}/${encodeURIComponent(l.id)}"><span class="paint-tick" aria-hidden="true"></span><span${langAttrs(lt.lang)}>${e(lt.text)}</span></a></li>`;
		})
		.join('');
	return {
		title: `${title.text} · ${app}`,
		description: summary.text,
		html: `<p><a class="paint-back" href="/courses"><span class="icon-directional" aria-hidden="true">←</span> ${e(t('course:course.backToCourses'))}</a></p>
<h1${langAttrs(title.lang)}>${e(title.text)}</h1><p${langAttrs(summary.lang)}>${e(summary.text)}</p>
<dl class="paint-facts"><dt>${e(t('course:course.time'))}</dt><dd>${e(t('course:course.timeValue', { n: formatNumber(course.minutes, lang) }))}</dd>
<dt>${e(t('course:course.level'))}</dt><dd>${e(t(`course:level.${course.level}`))}</dd>
<dt>${e(t('course:course.audience'))}</dt><dd${langAttrs(audience.lang)}>${e(audience.text)}</dd></dl>
${first ? `<p><a class="button primary" href="${base}/${encodeURIComponent(first.id)}">${e(t('course:course.start'))}</a></p>` : ''}
<h2>${e(t('course:course.lessonsHeading'))}</h2><ol class="paint-outline">${lessons}</ol>`
	};
}

function lessonPage(
	t: Translate,
	app: string,
	lang: LanguageCode,
	courseId: string,
	pack: CoursePack,
	index: number
): PagePaint {
	const lesson = pack.lessons[index]!;
	const num = (n: number) => formatNumber(n, lang);
	const firstParagraph = lesson.blocks.find((b) => b.t === 'paragraph');
	// As the app says it (its lesson page): the lesson is not in the learner's language yet.
	const name = (code: string) => (isLanguageCode(code) ? getLanguage(code).nativeName : code);
	const notice =
		lesson.fallbackLang || lesson.lang !== lang
			? `<p class="notice">${e(t('course:lesson.fallbackNotice', { wanted: name(lang), shown: name(lesson.lang) }))}</p>\n`
			: '';
	return {
		title: `${lesson.title} · ${app}`,
		description: firstParagraph ? plainText(firstParagraph.c) : pack.title,
		html: `<div${langAttrs(lesson.lang)}><p class="paint-muted"><a href="/courses/${encodeURIComponent(courseId)}">${e(pack.title)}</a> · ${e(t('course:lesson.position', { n: num(index + 1), total: num(pack.lessons.length) }))} · ${e(t('course:lesson.minutes', { n: num(lesson.minutes) }))}</p>
${notice}${lesson.easy ? modeSwitch('easyRead', t('course:lesson.easyRead')) : ''}${modeSwitch('readAloud', t('a11y:readAloud.toggle'))}
<h1>${e(lesson.title)}</h1>${lessonBlocks(lesson.blocks, t)}</div>`
	};
}

/**
 * The lesson's reading switches (easy read, read-aloud controls), painted where the app draws
 * them and as large, so its title and text do not move down at the hand-over (they moved 60–105
 * px). They do nothing without the app, so they are disabled until it takes over; `app.html`
 * ticks them as this device's reading modes are set.
 */
function modeSwitch(mode: 'easyRead' | 'readAloud', label: string): string {
	return `<label class="paint-switch"><input type="checkbox" disabled data-mode="${mode}"> ${e(label)}</label>\n`;
}

/**
 * A lesson's blocks, those past the largest screen's worth of text marked `paint-later`: the
 * browser lays them out when they come near the screen, not in the first paint (`app.html`).
 * None on the first screen is marked: a block held back there would be drawn at its placeholder
 * size first and then move what is under it.
 */
function lessonBlocks(list: Block[], t: Translate): string {
	const from = heldFrom(list);
	return list.map((b, i) => block(b, t, i >= from ? blockChars(b) : null)).join('');
}

/**
 * An SVG picture's shape as `width / height`, from its viewBox; null for a picture that sets its
 * own size (the app would draw it at that size, not as wide as the text) or is not SVG (a WebP
 * is left to the app, which draws it when it takes over).
 */
export function svgShape(src: string): string | null {
	const prefix = 'data:image/svg+xml,';
	if (!src.startsWith(prefix)) return null;
	let svg: string;
	try {
		svg = decodeURIComponent(src.slice(prefix.length));
	} catch {
		return null;
	}
	const root = /<svg\b[^>]*>/.exec(svg)?.[0];
	if (!root || /\s(width|height)\s*=/.test(root)) return null;
	const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/.exec(root);
	const [w, h] = [Number(box?.[1]), Number(box?.[2])];
	return w > 0 && h > 0 ? `${w} / ${h}` : null;
}

/** Text blocks and pictures: exercises need the app and appear when it has drawn. */
function blocks(list: Block[], t: Translate): string {
	return list.map((b) => block(b, t, null)).join('');
}

/** One block; `later`: laid out when near the screen, with this many characters of text. */
function block(b: Block, t: Translate, later: number | null): string {
	// Its text's length sizes it until it is laid out (`--chars`, app.html).
	const cls = (...names: string[]) => {
		const list = later === null ? names : [...names, 'paint-later'];
		const style = later === null ? '' : ` style="--chars:${later}"`;
		return (list.length ? ` class="${list.join(' ')}"` : '') + style;
	};
	switch (b.t) {
		case 'heading':
			return `<h${b.level}${cls()}>${inline(b.c)}</h${b.level}>`;
		case 'paragraph':
			return `<p${cls()}>${inline(b.c)}</p>`;
		case 'list': {
			const tag = b.ordered ? 'ol' : 'ul';
			return `<${tag}${cls()}>${b.items.map((item) => `<li>${blocks(item, t)}</li>`).join('')}</${tag}>`;
		}
		case 'image': {
			// The picture is in the pack (a data: URI), so it needs no app. Its box is held at the
			// picture's shape from the first layout, as wide as the text like the app's <img>
			// (LessonBlocks.svelte), so nothing under it moves when it is decoded or at the hand-over.
			const shape = svgShape(b.src);
			return shape
				? `<img class="paint-image" src="${e(b.src)}" alt="${e(b.alt)}" style="aspect-ratio:${shape}">`
				: '';
		}
		case 'callout':
			// LessonBlocks.svelte's callout, box for box: the label's margins and the border's width
			// decide where every block under it is when the app takes over.
			return `<aside${cls('paint-callout', b.kind)} aria-label="${e(t(`course:callout.${b.kind}`))}"><p class="paint-callout-label" aria-hidden="true">${e(t(`course:callout.${b.kind}`))}</p>${blocks(b.c, t)}</aside>`;
		default:
			return '';
	}
}

function inline(runs: Inline[]): string {
	return runs
		.map((r) => {
			switch (r.t) {
				case 'text':
					return e(r.v);
				case 'code':
					return `<code>${e(r.v)}</code>`;
				case 'br':
					return '<br>';
				case 'em':
					return `<em>${inline(r.c)}</em>`;
				case 'strong':
					return `<strong>${inline(r.c)}</strong>`;
				default:
					return inline(r.c);
			}
		})
		.join('');
}

function plainText(runs: Inline[]): string {
	return runs.map((r) => ('v' in r ? r.v : 'c' in r ? plainText(r.c) : ' ')).join('');
}

/** Open Graph locale for a language (Facebook's and WhatsApp's form). */
export function ogLocale(lang: LanguageCode): string {
	return `${lang.split('-')[0]}_PK`;
}
