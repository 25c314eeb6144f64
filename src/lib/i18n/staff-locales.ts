/**
 * Loaders of the namespaces only staff pages read. Kept out of the learner's first visit: each
 * namespace adds a loader per language to whichever chunk holds the glob, and learners never
 * use these. The same names: STAFF_ONLY in i18n.svelte.ts, the negative patterns of its
 * glob, and LATER_NAMESPACES in scripts/precache-split.js (which keeps the files out of the precache).
 */
export const staffLoaders = import.meta.glob<{ default: Record<string, unknown> }>(
	['./*/staff.json', './*/partner.json', './*/deliveries.json', './*/kit.json'],
	{ base: '../../../locales' }
);
