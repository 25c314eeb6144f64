/**
 * The skill-demonstration rubric (Train-the-Trainer, internships): five criteria, levels 1–4.
 * Must match `private.rubric_ok` in supabase/migrations/20261125300000_certification.sql, which
 * enforces the same rule on the server: approval needs level 3 or more on every criterion.
 */
export const CRITERIA = [
	'plans-session',
	'explains-clearly',
	'checks-understanding',
	'includes-everyone',
	'assesses-fairly'
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/** Level needed on every criterion for approval. */
export const APPROVAL_LEVEL = 3;
export const MAX_NOTES = 2000;

export type Rubric = Record<Criterion, Level>;
export type Decision = 'approved' | 'not_yet';

/** A rubric being filled in: a criterion may still have no level. */
export type RubricDraft = Partial<Record<Criterion, Level>>;

export const isLevel = (v: unknown): v is Level => LEVELS.includes(v as Level);

/** Criteria still without a level, in rubric order. */
export function missingCriteria(draft: RubricDraft): Criterion[] {
	return CRITERIA.filter((c) => !isLevel(draft[c]));
}

/** Criteria below the approval level (only those with a level). */
export function criteriaBelowApproval(draft: RubricDraft): Criterion[] {
	return CRITERIA.filter((c) => isLevel(draft[c]) && draft[c]! < APPROVAL_LEVEL);
}

/** The decision a complete rubric leads to: approved only if every criterion is at 3 or more. */
export function decisionFor(rubric: Rubric): Decision {
	return criteriaBelowApproval(rubric).length === 0 ? 'approved' : 'not_yet';
}

/** A complete, valid rubric from untrusted input (an API body), or null. */
export function parseRubric(input: unknown): Rubric | null {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
	const entries = Object.entries(input as Record<string, unknown>);
	if (entries.length !== CRITERIA.length) return null;
	const draft: RubricDraft = {};
	for (const [key, value] of entries) {
		if (!CRITERIA.includes(key as Criterion) || !isLevel(value)) return null;
		draft[key as Criterion] = value;
	}
	return missingCriteria(draft).length === 0 ? (draft as Rubric) : null;
}
