import { uuidv7 } from '$lib/events/uuidv7';
import type { SeekhDatabase } from './db';

/**
 * Who writes events on this installation. `device_id` is made once per installation;
 * `owner` is the anonymous learner id until sign-in adopts it into an account.
 * Both are stored so an offline cold start still stamps events correctly.
 */
export interface Identity {
	owner: string;
	device_id: string;
}

export async function loadIdentity(db: SeekhDatabase): Promise<Identity> {
	return db.transaction('rw', db.meta, async () => {
		const device = await db.meta.get('device_id');
		const owner = await db.meta.get('owner');
		const device_id = typeof device?.value === 'string' ? device.value : uuidv7();
		const ownerId = typeof owner?.value === 'string' ? owner.value : `anon:${device_id}`;
		if (!device) await db.meta.put({ key: 'device_id', value: device_id });
		if (!owner) await db.meta.put({ key: 'owner', value: ownerId });
		return { owner: ownerId, device_id };
	});
}
