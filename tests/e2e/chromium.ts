import { existsSync } from 'node:fs';

/** Debian's Chromium (never a test tool's own download, which cannot work here). */
export function findChromium(): string | null {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}
