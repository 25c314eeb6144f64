/**
 * localStorage that never throws. Private modes, blocked cookies and full disks make
 * `localStorage` throw on access or on write; the app must keep running and say so.
 */
export interface SafeStorage {
	readonly available: boolean;
	get(key: string): string | null;
	set(key: string, value: string): boolean;
	remove(key: string): void;
}

export function createSafeStorage(getStorage: () => Storage | undefined = defaultStorage): SafeStorage {
	const memory = new Map<string, string>();
	let storage: Storage | undefined;
	let available = false;
	try {
		storage = getStorage();
		if (storage) {
			const probe = '__seekh_probe__';
			storage.setItem(probe, '1');
			storage.removeItem(probe);
			available = true;
		}
	} catch {
		storage = undefined;
	}
	return {
		get available() {
			return available;
		},
		get(key) {
			// What this page wrote wins: a write may have failed (full disk) after it was made.
			if (memory.has(key)) return memory.get(key) ?? null;
			if (available && storage) {
				try {
					return storage.getItem(key);
				} catch {
					available = false;
				}
			}
			return memory.get(key) ?? null;
		},
		set(key, value) {
			memory.set(key, value);
			if (!available || !storage) return false;
			try {
				storage.setItem(key, value);
				return true;
			} catch {
				return false;
			}
		},
		remove(key) {
			memory.delete(key);
			try {
				storage?.removeItem(key);
			} catch {
				/* nothing to remove when storage is blocked */
			}
		}
	};
}

function defaultStorage(): Storage | undefined {
	return typeof localStorage === 'undefined' ? undefined : localStorage;
}
