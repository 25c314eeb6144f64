import i18next, { type TOptions } from 'i18next';
import { DEFAULT_LANGUAGE, getLanguage, type LanguageCode } from './languages';
import { nextTask } from '$lib/start-up';

/**
 * UI strings live in `locales/<lang>/<namespace>.json`. Each file becomes its own small chunk,
 * so a learner downloads only the language they chose and only the namespaces a page uses.
 */
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(
	['./*/*.json', '!./*/staff.json', '!./*/partner.json', '!./*/deliveries.json', '!./*/kit.json'],
	{ base: '../../../locales' }
);

/**
 * Namespaces only staff and trainer pages read (kit: the trainer kit): their loaders come in
 * their own chunk (staff-locales.ts).
 */
const STAFF_ONLY: readonly string[] = ['staff', 'partner', 'deliveries', 'kit'];
let staffLoaders: Promise<typeof loaders> | null = null;

export const NAMESPACES = ['common'] as const;

async function loaderFor(lang: string, ns: string) {
	const from = STAFF_ONLY.includes(ns)
		? await (staffLoaders ??= import('./staff-locales').then((m) => m.staffLoaders))
		: loaders;
	return from[`./${lang}/${ns}.json`];
}

/** Reactive wrapper: components read `i18n.t` and re-render when the language changes. */
class I18nState {
	lang = $state<LanguageCode>(DEFAULT_LANGUAGE);
	/** Bumped whenever resources change, so `t` is re-evaluated. */
	version = $state(0);
	ready = $state(false);
	/** Namespaces loaded with use(), reloaded on a language switch. */
	private readonly used = new Set<string>();

	/** Translate `ns:key` (default namespace `common`). */
	t = (key: string, options?: TOptions): string => {
		const version = this.version;
		if (options === undefined) {
			const plain = plainString(key, version);
			if (plain !== undefined) return plain;
		}
		return i18next.t(key, options ?? {}) as string;
	};

	get dir() {
		return getLanguage(this.lang).dir;
	}

	/** Loads the language's namespaces (and Urdu's, its fallback) and switches to it. */
	async setLanguage(lang: LanguageCode, namespaces: readonly string[] = NAMESPACES): Promise<void> {
		await ensureInit(lang);
		// Namespaces pages asked for with use() are needed in the new language too.
		await loadNamespaces(lang, [...new Set([...namespaces, ...this.used])]);
		await i18next.changeLanguage(lang);
		// The first time, the app's first draw (the header) waits for a task of its own: in the one
		// that stored the strings it made the longest task of a painted page's start (issue 17).
		if (!this.ready) await nextTask();
		this.lang = lang;
		this.ready = true;
		this.version++;
	}

	/** For pages that need more strings (e.g. `course`, `settings`): load before rendering. */
	async use(...namespaces: string[]): Promise<void> {
		for (const ns of namespaces) this.used.add(ns);
		// Only new strings re-translate the page: every `t()` on screen re-runs when the version
		// moves, and a page asking for strings it already has (the staff frame, the sync line,
		// each tool) made a phone redo a 300-learner roster's text several times while it opened.
		if (await loadNamespaces(this.lang, namespaces)) this.version++;
	}
}

/**
 * Most of the app's strings are plain text asked for without options: the header's links, a
 * button's label. For those, `t()` reads i18next's own store (the language, then its fallback)
 * and keeps the answer until the strings or the language change. i18next's full translation
 * (key parsing, interpolation, nesting, plural and context lookups, post-processing) was a
 * fifth to a third of the app's first draw on a slow phone (issue 17), and a 300-learner
 * roster asks for the same column labels 300 times. Anything else goes to i18next: a string
 * with `{{…}}` or `$t(…)`, a plural or context key, an object, a missing key.
 */
// Not reactive on purpose: `t()` already depends on `version`, which every change of strings moves.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const plainCache = new Map<string, string>();
let plainCacheFor = '';

function plainString(key: string, version: number): string | undefined {
	const stamp = `${version} ${i18next.language}`;
	if (stamp !== plainCacheFor) {
		plainCache.clear();
		plainCacheFor = stamp;
	}
	const kept = plainCache.get(key);
	if (kept !== undefined) return kept;
	const split = key.indexOf(':');
	const ns = split > 0 ? key.slice(0, split) : 'common';
	const path = split > 0 ? key.slice(split + 1) : key;
	for (const lng of i18next.languages ?? []) {
		const found: unknown = i18next.getResource(lng, ns, path);
		if (found === undefined || found === null) continue;
		if (typeof found !== 'string' || found.includes('{{') || found.includes('$t(')) return undefined;
		plainCache.set(key, found);
		return found;
	}
	return undefined;
}

let initialised: Promise<unknown> | null = null;

function ensureInit(lang: LanguageCode) {
	// i18next is set up in a task of its own, not in the one that mounts the app: together they
	// were the longest task of a page's start (about 200 ms on a 4× slowed CPU, issue 17), in
	// which the painted page could not answer a tap.
	initialised ??= nextTask().then(() =>
		i18next.init({
			lng: lang,
			// Urdu is complete (a test enforces it), so regional languages fall back to Urdu only.
			fallbackLng: (code: string) => (code === 'en' || code === 'ur' ? [] : ['ur']),
			defaultNS: 'common',
			ns: [],
			resources: {},
			partialBundledLanguages: true,
			interpolation: { escapeValue: false }, // Svelte escapes text itself
			returnNull: false,
			showSupportNotice: false
		} as Parameters<typeof i18next.init>[0])
	);
	return initialised;
}

/**
 * Every locale file that exists is complete (src/lib/i18n/locales.test.ts enforces it), so a
 * language downloads only its own file; Urdu is fetched only for a namespace the language has
 * no file for yet. That keeps a Sindhi or Pashto first visit from paying for Urdu strings too.
 */
async function loadNamespaces(lang: LanguageCode, namespaces: readonly string[]): Promise<boolean> {
	let added = false;
	await Promise.all(
		namespaces.map(async (ns) => {
			const source = (await loaderFor(lang, ns)) ? lang : 'ur';
			if (i18next.hasResourceBundle(source, ns)) return;
			const load = await loaderFor(source, ns);
			if (!load) return;
			const mod = await load();
			// Two callers may have waited for the same chunk: the first one adds it.
			if (i18next.hasResourceBundle(source, ns)) return;
			i18next.addResourceBundle(source, ns, mod.default, true, true);
			added = true;
		})
	);
	return added;
}

/**
 * Fetches every learner namespace of a language (Urdu where it has no file), so the service
 * worker stores them: regional languages are not in the precache, and a learner who goes offline
 * must still be able to open pages whose strings they have not seen yet. Staff strings wait.
 */
export async function warmLanguage(lang: LanguageCode): Promise<void> {
	const namespaces = Object.keys(loaders)
		.map((path) => /\/([^/]+)\.json$/.exec(path)?.[1])
		.filter((ns, i, all): ns is string => !!ns && all.indexOf(ns) === i);
	await Promise.all(
		namespaces.map((ns) => (loaders[`./${lang}/${ns}.json`] ?? loaders[`./ur/${ns}.json`])?.())
	);
}

/**
 * Starts loading a page's string chunks while the app is still starting, beside the app's own
 * strings instead of after them: a page module calls it when it is evaluated (before the
 * layout has set the language), with the language stored on the device. It only warms the
 * module cache; use() then finds the chunks already there. Nothing stored: nothing to warm.
 */
export function prefetchStrings(lang: LanguageCode | null, namespaces: readonly string[]): void {
	if (!lang) return;
	for (const ns of namespaces)
		fetchStrings(lang, ns).catch(() => {
			/* offline or gone: use() asks again and reports it */
		});
}

/** Loads one namespace's chunk (Urdu where the language has none) without adding it; rejects offline. */
export async function fetchStrings(lang: LanguageCode, ns: string): Promise<void> {
	const load = (await loaderFor(lang, ns)) ?? (await loaderFor('ur', ns));
	await load?.();
}

export const i18n = new I18nState();
export const t = i18n.t;
