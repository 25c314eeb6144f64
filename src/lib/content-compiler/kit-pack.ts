import { KIT_FORMAT, type KitGuide, type KitPack } from '../content/kit-types';
import type { CompiledKit } from './trainer-kit';

/** The kit pack for one of the kit's languages: every guide the language has, in lesson order. */
export function makeKitPack(kit: CompiledKit, lang: string): KitPack {
	const guides: KitGuide[] = [];
	for (const [, byLang] of kit.guides) {
		const guide = byLang.get(lang);
		if (guide) guides.push(guide);
	}
	return {
		format: KIT_FORMAT,
		kind: 'trainer-kit',
		lang,
		course: kit.course,
		title: kit.title[lang] ?? kit.title.en ?? '',
		safeguarding: kit.safeguarding.get(lang) ?? [],
		guides
	};
}
