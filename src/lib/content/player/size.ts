import { formatNumber } from '$lib/i18n/format';
import type { LanguageCode } from '$lib/i18n/languages';

/**
 * "84 KB" in the learner's digits; packs are small enough that KB is always the unit.
 * Wrapped in a left-to-right isolate so Urdu text around it does not turn it into "KB 84".
 */
export function formatKb(bytes: number, lang: LanguageCode): string {
	return `\u2066${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} KB\u2069`;
}
