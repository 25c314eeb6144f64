/**
 * What this device keeps about other people for a staff member: a trainer's kept rosters and the
 * painted copy of a cohort's first screen (learners' names, progress, attendance), and a
 * manager's "my team" list in the mandatory-training section. Signing out is how a trainer hands
 * a shared phone on, so these go with the session. The learner's own progress and anything still
 * waiting to sync (attendance marks included) stay: nothing is lost.
 */
const OTHERS = [/^seekh-cohort:/, /^seekh-cohort-screen:/, /^seekh-mandatory-training$/];

export function forgetOthersData(storage: Pick<Storage, 'length' | 'key' | 'removeItem'> | undefined) {
	if (!storage) return;
	try {
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) {
			const key = storage.key(i);
			if (key && OTHERS.some((pattern) => pattern.test(key))) keys.push(key);
		}
		for (const key of keys) storage.removeItem(key);
	} catch {
		// Storage blocked: there is nothing kept to forget.
	}
}
