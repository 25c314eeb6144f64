import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CompiledCourse } from '../../src/lib/content-compiler/compile-course';
import { catalogueEntry, makePack, packLanguages, translationCounts } from '../../src/lib/content-compiler/make-pack';
import { PACK_FORMAT, type Catalogue, type PackRef } from '../../src/lib/content/pack-types';
import { KIT_FORMAT, type KitCatalogue } from '../../src/lib/content/kit-types';
import { makeKitPack } from '../../src/lib/content-compiler/kit-pack';
import type { CompiledKit } from '../../src/lib/content-compiler/trainer-kit';

/**
 * Writes `<out>/<course>/<lang>.<hash>.json` per course and language, media next to them, and
 * `<out>/index.json`. Content-hashed names never change meaning, so the service worker may
 * serve them cache-first forever; only index.json is re-fetched. The output folder is wiped
 * first so stale packs (and anything that was never meant to be there) cannot linger.
 */
export interface PackFigure {
	course: string;
	lang: string;
	file: string;
	bytes: number;
	gzipBytes: number;
	status: PackRef['status'];
}

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 12);

export function buildPacks(courses: CompiledCourse[], sourceRoot: string, outDir: string): PackFigure[] {
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	const figures: PackFigure[] = [];
	const catalogue: Catalogue = { format: PACK_FORMAT, courses: [] };
	for (const course of courses) {
		const id = course.meta.id;
		mkdirSync(join(outDir, id), { recursive: true });
		const publish = (sourcePath: string) => {
			const source = join(sourceRoot, sourcePath);
			const name = `${hash(readFileSync(source))}${extname(source)}`;
			mkdirSync(join(outDir, id, 'media'), { recursive: true });
			copyFileSync(source, join(outDir, id, 'media', name));
			return { url: `/packs/${id}/media/${name}`, bytes: statSync(source).size };
		};
		const packs: Record<string, PackRef> = {};
		for (const lang of packLanguages(course)) {
			const json = JSON.stringify(makePack(course, lang, publish));
			const contentHash = hash(json);
			const file = `${lang}.${contentHash}.json`;
			writeFileSync(join(outDir, id, file), json);
			const counts = translationCounts(course, lang);
			const ref: PackRef = {
				url: `/packs/${id}/${file}`,
				hash: contentHash,
				bytes: Buffer.byteLength(json),
				gzipBytes: gzipSync(json, { level: 9 }).length,
				status: counts.translated === course.lessons.length ? 'complete' : 'partial',
				lessonsTranslated: counts.translated,
				lessonsReviewed: counts.reviewed
			};
			packs[lang] = ref;
			figures.push({ course: id, lang, file: `${id}/${file}`, bytes: ref.bytes, gzipBytes: ref.gzipBytes, status: ref.status });
		}
		catalogue.courses.push(catalogueEntry(course, packs));
	}
	writeFileSync(join(outDir, 'index.json'), JSON.stringify(catalogue));
	return figures;
}

/**
 * The trainer kit: `<out>/trainer-kit/<lang>.<hash>.json` and its own index.json, so the
 * learner catalogue (and a learner's first visit) never grows by a byte for it. Call after
 * buildPacks, which wipes the folder.
 */
export function buildKitPacks(kit: CompiledKit, outDir: string): PackFigure[] {
	const dir = join(outDir, 'trainer-kit');
	mkdirSync(dir, { recursive: true });
	const catalogue: KitCatalogue = { format: KIT_FORMAT, course: kit.course, packs: {} };
	const figures: PackFigure[] = [];
	for (const lang of kit.languages) {
		const json = JSON.stringify(makeKitPack(kit, lang));
		const contentHash = hash(json);
		const file = `${lang}.${contentHash}.json`;
		writeFileSync(join(dir, file), json);
		const bytes = Buffer.byteLength(json);
		catalogue.packs[lang] = { url: `/packs/trainer-kit/${file}`, hash: contentHash, bytes };
		figures.push({ course: 'trainer-kit', lang, file: `trainer-kit/${file}`, bytes, gzipBytes: gzipSync(json, { level: 9 }).length, status: 'complete' });
	}
	writeFileSync(join(dir, 'index.json'), JSON.stringify(catalogue));
	return figures;
}
