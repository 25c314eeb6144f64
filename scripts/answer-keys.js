// Answer keys at rest: courses/<id>/assessment/key.yaml is plaintext only on an author's
// machine (gitignored); the repository holds key.yaml.age, sealed with age (age-encryption,
// the reference format: the `age` CLI reads the same files) to the recipients in
// courses/_keys/recipients.txt. Only holders of an identity can read keys: the seeding step
// (SEEKH_KEYS_IDENTITY in its environment) and authors. Workflow: docs/certification.md.
//
//   npm run keys:seal      seal every plaintext key.yaml (idempotent: unchanged keys are kept)
//   npm run keys:unseal    write key.yaml from key.yaml.age (needs the identity)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { armor, Decrypter, Encrypter } from 'age-encryption';

export const SEALED = 'key.yaml.age';
export const PLAIN = 'key.yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultCoursesDir = join(root, 'courses');

/**
 * The identity (AGE-SECRET-KEY-1…) from SEEKH_KEYS_IDENTITY, or the file named by
 * SEEKH_KEYS_IDENTITY_FILE; null when neither is set.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function keysIdentity(env = process.env) {
	const direct = env.SEEKH_KEYS_IDENTITY?.trim();
	const file = env.SEEKH_KEYS_IDENTITY_FILE?.trim();
	const text = direct || (file ? readFileSync(file, 'utf8') : '');
	const line = text
		.split('\n')
		.map((l) => l.trim())
		.find((l) => l.startsWith('AGE-SECRET-KEY-'));
	return line ?? null;
}

/** @param {string} coursesDir @returns {string[]} age1… recipients, comments ignored */
export function recipients(coursesDir = defaultCoursesDir) {
	const file = join(coursesDir, '_keys', 'recipients.txt');
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.map((l) => l.replace(/#.*/, '').trim())
		.filter(Boolean);
}

/** @param {string} coursesDir @returns {string[]} each course's assessment folder */
export function assessmentDirs(coursesDir) {
	if (!existsSync(coursesDir)) return [];
	return readdirSync(coursesDir, { withFileTypes: true })
		.filter((e) => e.isDirectory() && !e.name.startsWith('_'))
		.map((e) => join(coursesDir, e.name, 'assessment'))
		.filter((d) => existsSync(d));
}

/** @param {string} text @param {string[]} to @returns {Promise<string>} armored age file */
export async function seal(text, to) {
	if (to.length === 0) throw new Error('no recipients in courses/_keys/recipients.txt');
	const e = new Encrypter();
	for (const r of to) e.addRecipient(r);
	return armor.encode(await e.encrypt(text));
}

/** @param {string} sealed armored age file @param {string} identity @returns {Promise<string>} */
export async function unseal(sealed, identity) {
	const d = new Decrypter();
	d.addIdentity(identity);
	return d.decrypt(armor.decode(sealed), 'text');
}

/**
 * Plain keys for every sealed course, read in memory (the seeding step): dir → key.yaml text.
 * A plaintext key.yaml next to the sealed file wins (an author editing it).
 * @param {string} coursesDir @param {string | null} identity
 * @returns {Promise<{ keys: Map<string, string>, sealedWithoutIdentity: string[] }>}
 */
export async function readSealedKeys(coursesDir, identity) {
	/** @type {Map<string, string>} */
	const keys = new Map();
	/** @type {string[]} */
	const sealedWithoutIdentity = [];
	for (const dir of assessmentDirs(coursesDir)) {
		if (existsSync(join(dir, PLAIN)) || !existsSync(join(dir, SEALED))) continue;
		if (!identity) sealedWithoutIdentity.push(dir);
		else keys.set(dir, await unseal(readFileSync(join(dir, SEALED), 'utf8'), identity));
	}
	return { keys, sealedWithoutIdentity };
}

/**
 * Seals each plaintext key.yaml. An existing sealed file whose content is the same (checked
 * when the identity is at hand) is left alone, so re-running changes nothing in git.
 * @param {string} coursesDir @param {string | null} identity
 * @returns {Promise<{ sealed: string[], unchanged: string[] }>}
 */
export async function sealAll(coursesDir, identity) {
	const to = recipients(coursesDir);
	const result = { sealed: /** @type {string[]} */ ([]), unchanged: /** @type {string[]} */ ([]) };
	for (const dir of assessmentDirs(coursesDir)) {
		const plainFile = join(dir, PLAIN);
		if (!existsSync(plainFile)) continue;
		const plain = readFileSync(plainFile, 'utf8');
		const sealedFile = join(dir, SEALED);
		if (existsSync(sealedFile) && identity) {
			const current = await unseal(readFileSync(sealedFile, 'utf8'), identity).catch(() => null);
			if (current === plain) {
				result.unchanged.push(sealedFile);
				continue;
			}
		}
		writeFileSync(sealedFile, await seal(plain, to));
		result.sealed.push(sealedFile);
	}
	return result;
}

/** @param {string} coursesDir @param {string} identity @returns {Promise<string[]>} files written */
export async function unsealAll(coursesDir, identity) {
	const written = [];
	for (const dir of assessmentDirs(coursesDir)) {
		const sealedFile = join(dir, SEALED);
		if (!existsSync(sealedFile)) continue;
		writeFileSync(join(dir, PLAIN), await unseal(readFileSync(sealedFile, 'utf8'), identity), {
			mode: 0o600
		});
		written.push(join(dir, PLAIN));
	}
	return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [command, dirArg] = process.argv.slice(2);
	const dir = dirArg ?? defaultCoursesDir;
	const identity = keysIdentity();
	if (command === 'seal') {
		const { sealed, unchanged } = await sealAll(dir, identity);
		for (const f of sealed) console.log(`sealed ${f}`);
		for (const f of unchanged) console.log(`unchanged ${f}`);
		if (!identity && sealed.length > 0)
			console.log(
				'(no SEEKH_KEYS_IDENTITY: every key was sealed again; set it to keep unchanged files as they are)'
			);
	} else if (command === 'unseal') {
		if (!identity) {
			console.error(
				'set SEEKH_KEYS_IDENTITY (or SEEKH_KEYS_IDENTITY_FILE) to the AGE-SECRET-KEY-1… identity'
			);
			process.exitCode = 1;
		} else for (const f of await unsealAll(dir, identity)) console.log(`wrote ${f} (gitignored)`);
	} else {
		console.error('usage: node scripts/answer-keys.js seal|unseal [coursesDir]');
		process.exitCode = 2;
	}
}
