import type { PostgrestError } from '@supabase/supabase-js';
import { failure, type Result } from '$lib/result';

/**
 * Turns a refusal by the database into an error code the page translates. The SQL decides
 * (scope checks, cycles, unique codes); this only names its answer. Anything unexpected is a
 * server fault and throws, so `guarded` logs it and answers 500.
 */
export function refusal(error: PostgrestError): Result<never> {
	const message = error.message ?? '';
	if (error.code === 'PGRST301' || error.code === 'PGRST303') return failure('sign_in');
	if (error.code === '42501')
		return failure(/CoE-AI administrator/.test(message) ? 'overseer_only' : 'forbidden');
	if (/cycle/.test(message)) return failure('cycle');
	if (/second root/.test(message)) return failure('second_root');
	if (/sub-units|still has members/.test(message)) return failure('not_empty');
	if (error.code === 'P0002') return failure('no_account');
	if (error.code === '23505') return failure('code_taken');
	// 23514 check (bad code, kind, rubric), 23503 unknown person/unit, 22P02 bad uuid, 23502 missing.
	if (['23514', '23503', '22P02', '23502', '22023', '22007', '22008'].includes(error.code))
		return failure('invalid');
	throw new Error(`${error.code}: ${message}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A trimmed string of at most `max` characters, or null. */
export function text(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}
