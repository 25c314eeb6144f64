import type { YamlSource } from './yaml-source';

/** Small, explicit checks for YAML values; each failure becomes a problem at its line. */

export type Path = readonly (string | number)[];

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A mapping with exactly the allowed keys: reports unknown and missing ones. */
export function checkMapping(
	src: YamlSource,
	path: Path,
	value: unknown,
	required: readonly string[],
	optional: readonly string[] = []
): value is Record<string, unknown> {
	if (src.failed) return false;
	if (!isRecord(value)) {
		src.report(path, `${describe(path)} must be a mapping of keys`);
		return false;
	}
	for (const key of Object.keys(value)) {
		if (!required.includes(key) && !optional.includes(key))
			src.report([...path, key], `unknown key "${key}"`);
	}
	for (const key of required) {
		if (value[key] === undefined || value[key] === null)
			src.report(path, `missing required field "${[...path, key].join('.')}"`);
	}
	return true;
}

export function checkString(src: YamlSource, path: Path, value: unknown): value is string {
	if (typeof value === 'string' && value.trim() !== '') return true;
	if (value !== undefined && value !== null) src.report(path, `${describe(path)} must be non-empty text`);
	return false;
}

export function checkId(src: YamlSource, path: Path, value: unknown): value is string {
	if (typeof value === 'string' && ID_PATTERN.test(value)) return true;
	src.report(path, `${describe(path)} "${String(value)}" is not a valid id (lowercase kebab-case)`);
	return false;
}

export function checkOneOf<T extends string>(
	src: YamlSource,
	path: Path,
	value: unknown,
	allowed: readonly T[]
): value is T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
	if (value !== undefined && value !== null)
		src.report(path, `${describe(path)} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
	return false;
}

export function checkNumber(
	src: YamlSource,
	path: Path,
	value: unknown,
	min: number,
	max = Infinity
): value is number {
	if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return true;
	if (value !== undefined && value !== null)
		src.report(path, `${describe(path)} must be a number from ${min}${max === Infinity ? '' : ` to ${max}`}`);
	return false;
}

/** A list of ids; reports bad and duplicate entries, returns the good ones. */
export function checkIdList(src: YamlSource, path: Path, value: unknown): string[] {
	if (!Array.isArray(value)) {
		if (value !== undefined && value !== null) src.report(path, `${describe(path)} must be a list`);
		return [];
	}
	const seen = new Set<string>();
	const ids: string[] = [];
	value.forEach((item, i) => {
		const id = typeof item === 'boolean' ? String(item) : item;
		if (!checkId(src, [...path, i], id)) return;
		if (seen.has(id)) src.report([...path, i], `duplicate id "${id}" in ${describe(path)}`);
		else ids.push(id);
		seen.add(id);
	});
	return ids;
}

export function describe(path: Path): string {
	return path.length === 0 ? 'the file' : `"${path.join('.')}"`;
}
