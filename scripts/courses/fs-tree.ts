import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceTree } from '../../src/lib/content-compiler/source-tree';

/** The compiler's view of a folder on disk; labels are relative to the working directory. */
export function fsTree(root: string): SourceTree {
	const abs = (path: string) => join(root, path);
	return {
		label: relative(process.cwd(), root) || '.',
		list(dir) {
			const path = abs(dir);
			if (!existsSync(path) || !statSync(path).isDirectory()) return null;
			return readdirSync(path, { withFileTypes: true })
				.map((e) => ({ name: e.name, dir: e.isDirectory() }))
				.sort((a, b) => (a.name < b.name ? -1 : 1));
		},
		readText(path) {
			const bytes = this.readBytes(path);
			return bytes && new TextDecoder().decode(bytes);
		},
		readBytes(path) {
			const full = abs(path);
			return existsSync(full) && statSync(full).isFile() ? new Uint8Array(readFileSync(full)) : null;
		}
	};
}
