import { readServerSeed, type ServerSeed } from '../../src/lib/content-compiler/server-seed';
import type { SourceTree } from '../../src/lib/content-compiler/source-tree';
import { fsTree } from './fs-tree';

/**
 * How one course file's text is read: `path` is relative to the courses folder, `read` is the
 * plain file read. The one place to plug in a transformation every reader must share (e.g.
 * decrypting a sealed assessment/key.yaml).
 */
export type ReadText = (path: string, read: (path: string) => string | null) => string | null;

// One stack start reads the same folder twice (catalogue, then assessments): compile it once.
// A process that edits courses and restarts its stack is not a case the stack has today.
const recent = new Map<string, { at: number; seed: ServerSeed }>();
const REUSE_MS = 60_000;

/** The compiler's seed view of a courses folder on disk. */
export function readServerSeedFromDisk(dir: string, readText?: ReadText): ServerSeed {
	if (readText) return readTree(dir, readText);
	const hit = recent.get(dir);
	if (hit && Date.now() - hit.at < REUSE_MS) return hit.seed;
	const seed = readTree(dir);
	recent.set(dir, { at: Date.now(), seed });
	return seed;
}

function readTree(dir: string, readText?: ReadText): ServerSeed {
	const disk = fsTree(dir);
	const tree: SourceTree = readText
		? { ...disk, readText: (path) => readText(path, (p) => disk.readText(p)) }
		: disk;
	return readServerSeed(tree);
}
