import { describe, expect, it } from 'vitest';
import { backendConfig } from './config';

// Local-only mode (no backend at build) — the e2e build always has one, so it is pinned here.
describe('backendConfig', () => {
	it('is local-only when either variable is missing or blank', () => {
		expect(backendConfig({})).toBeNull();
		expect(backendConfig({ PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321' })).toBeNull();
		expect(backendConfig({ PUBLIC_SUPABASE_URL: ' ', PUBLIC_SUPABASE_ANON_KEY: 'k' })).toBeNull();
	});

	it('uses the server when both are set', () => {
		expect(backendConfig({ PUBLIC_SUPABASE_URL: ' http://x ', PUBLIC_SUPABASE_ANON_KEY: 'k' })).toEqual({
			url: 'http://x',
			anonKey: 'k'
		});
	});
});
