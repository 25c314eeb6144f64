import { getLanguage, type LanguageCode } from './languages';

/**
 * The font file a language's text is drawn from (mirrors src/lib/styles/fonts.css and the
 * `--font-nastaliq` stacks in global.css): Urdu's own cut of Nastaliq, the full Nastaliq face
 * for Punjabi and Saraiki (their letters are not in the Urdu cut), Naskh for Sindhi, Pashto and
 * Balochi, none for English (the phone's own fonts). Painted pages preload it; the offline
 * warm-up stores it.
 */
export function fontFile(lang: LanguageCode): string | null {
	const script = getLanguage(lang).script;
	if (script === 'latin') return null;
	if (script === 'naskh') return '/fonts/noto-naskh-arabic-400.woff2';
	return lang === 'ur' ? '/fonts/noto-nastaliq-urdu-ur-400.woff2' : '/fonts/noto-nastaliq-urdu-400.woff2';
}
