import type { LanguageCode } from '$lib/i18n/languages';
import type { ChatRules } from './chat-engine';
import { rulesEn } from './rules-en';
import { rulesUr } from './rules-ur';

/**
 * Rules per language. Languages without their own rules yet (pa-Arab, sd, ps, bal, skr) chat
 * in Urdu, which their speakers read; add a rules file per language to change that.
 */
const RULES: Partial<Record<LanguageCode, ChatRules>> = { en: rulesEn, ur: rulesUr };

export function rulesFor(lang: LanguageCode): { rules: ChatRules; lang: LanguageCode } {
	const own = RULES[lang];
	return own ? { rules: own, lang } : { rules: rulesUr, lang: 'ur' };
}
