import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { uuidv7 } from '$lib/events/uuidv7';

/** A signed-in learner on the embedded stack: their own supabase-js client and id. */
export interface Learner {
	id: string;
	client: SupabaseClient;
	token: string;
}

let counter = 0;

export async function signUp(url: string, anonKey: string, label = 'learner'): Promise<Learner> {
	const client = createClient(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	const email = `${label}-${Date.now()}-${counter++}@example.pk`;
	const { data, error } = await client.auth.signUp({ email, password: 'correct horse battery staple' });
	if (error || !data.session || !data.user) throw new Error(`sign-up failed: ${error?.message}`);
	return { id: data.user.id, client, token: data.session.access_token };
}

/** A learner event as the device makes it (owner and device stamped at creation). */
export function event(owner: string, type: string, courseId: string, payload: Record<string, unknown>) {
	return {
		id: uuidv7(),
		v: 1,
		owner,
		// One device per learner (their own id as its id): the database rate-limits final attempts
		// per device, and a whole test file's learners on one device would share that budget.
		device_id: owner,
		type,
		course_id: courseId,
		payload,
		client_ts: new Date().toISOString()
	};
}
