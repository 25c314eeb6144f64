/**
 * Read-only view of a courses folder. The compiler is pure and works on this interface; the
 * CLI gives it the file system, tests may give it the same. Paths are relative to the root,
 * separated by "/".
 */
export interface SourceTree {
	/** How problems name files: `<label>/<path>` (e.g. `courses/ai-awareness/course.yaml`). */
	readonly label: string;
	/** Entries of a folder, or null when it does not exist. */
	list(dir: string): { name: string; dir: boolean }[] | null;
	readText(path: string): string | null;
	readBytes(path: string): Uint8Array | null;
}

export function displayPath(tree: SourceTree, path: string): string {
	return tree.label ? `${tree.label}/${path}` : path;
}

/** Joins and normalises a relative reference; null if it climbs above the root. */
export function resolvePath(fromDir: string, ref: string): string | null {
	const parts = fromDir ? fromDir.split('/') : [];
	for (const part of ref.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return null;
			parts.pop();
		} else parts.push(part);
	}
	return parts.join('/');
}
