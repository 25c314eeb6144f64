import type { LanguageCode } from '$lib/i18n/languages';
import type { ChatRules } from './chat-engine';
import { rulesBal } from './rules-bal';
import { rulesEn } from './rules-en';
import { rulesPaArab } from './rules-pa-Arab';
import { rulesPs } from './rules-ps';
import { rulesSd } from './rules-sd';
import { rulesSkr } from './rules-skr';
import { rulesUr } from './rules-ur';

/**
 * Rules per language, each written in that language (not translated from English). The map
 * is total on purpose: a new language does not compile until it has its own rules, so no
 * learner is silently answered in another language.
 */
const RULES: Record<LanguageCode, ChatRules> = {
	en: rulesEn,
	ur: rulesUr,
	'pa-Arab': rulesPaArab,
	sd: rulesSd,
	ps: rulesPs,
	bal: rulesBal,
	skr: rulesSkr
};

export function rulesFor(lang: LanguageCode): { rules: ChatRules; lang: LanguageCode } {
	return { rules: RULES[lang], lang };
}
