// Reads the staff-visibility matrix from docs/roles.md (between the roles-matrix markers): the
// one written rule that RLS implements and tests/integration/roles-matrix.test.ts checks.
import { readFileSync } from 'node:fs';

export const STAFF_ROLES = /** @type {const} */ ([
	'org_admin',
	'trainer',
	'assessor',
	'partner_admin',
	'coe_admin',
	'auditor'
]);
/** @typedef {'same' | 'child' | 'parent' | 'sibling' | 'none'} Relation */
/** The relations between the staff member's unit and the learner's. @type {Relation[]} */
export const RELATIONS = ['same', 'child', 'parent', 'sibling', 'none'];
/**
 * Learners in no unit, members of a cohort of the staff unit: taught by the staff member when
 * they are its trainer ('cohort'), or by someone else ('other-cohort').
 * @typedef {'cohort' | 'other-cohort'} CohortRelation
 * @type {CohortRelation[]}
 */
export const COHORT_RELATIONS = ['cohort', 'other-cohort'];
/** @typedef {'subtree' | 'subtree+consent' | 'cohort' | 'cohort+consent' | '-'} Cell */
const CELLS = new Set(['subtree', 'subtree+consent', 'cohort', 'cohort+consent', '-']);

/**
 * Does `cell` let its role see a learner in `relation`, with consent on or off?
 * @param {Cell} cell @param {Relation | CohortRelation} relation @param {boolean} consent
 */
export function cellAllows(cell, relation, consent) {
	if (cell === '-') return false;
	if (cell.endsWith('+consent') && !consent) return false;
	if (cell.startsWith('subtree')) return relation === 'same' || relation === 'child';
	return relation === 'cohort';
}

/**
 * @typedef {{ data: string, object: string, key: string, cells: Record<string, Cell> }} MatrixRow
 * @returns {{ rows: MatrixRow[] }}
 */
export function readRolesMatrix(file = new URL('../docs/roles.md', import.meta.url)) {
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf('<!-- roles-matrix:start -->');
	const end = text.indexOf('<!-- roles-matrix:end -->');
	if (start < 0 || end < start) throw new Error('docs/roles.md: the roles-matrix markers are missing');
	const firstLine = text.slice(0, start).split('\n').length;
	const lines = text.slice(start, end).split('\n');
	const table = lines
		.map((line, i) => ({ line, n: firstLine + i }))
		.filter(({ line }) => line.trim().startsWith('|'));
	const split = (/** @type {string} */ line) =>
		line
			.trim()
			.replace(/^\||\|$/g, '')
			.split('|')
			.map((c) => c.trim());
	const header = split(table[0]?.line ?? '');
	const roles = header.slice(3);
	if (header[0] !== 'data' || header[1] !== 'object' || header[2] !== 'key')
		throw new Error(`docs/roles.md line ${table[0]?.n}: the header must start with data | object | key`);
	for (const role of STAFF_ROLES)
		if (!roles.includes(role)) throw new Error(`docs/roles.md line ${table[0]?.n}: no column for ${role}`);
	const rows = table.slice(2).map(({ line, n }) => {
		const cells = split(line);
		const [data, object, key] = cells;
		/** @type {Record<string, any>} */
		const byRole = {};
		roles.forEach((role, i) => {
			const cell = cells[3 + i] ?? '';
			if (!CELLS.has(cell))
				throw new Error(`docs/roles.md line ${n}: "${cell}" is not one of ${[...CELLS].join(', ')}`);
			byRole[role] = cell;
		});
		if (!data || !object || !key)
			throw new Error(`docs/roles.md line ${n}: data, object and key are required`);
		return { data, object, key, cells: byRole };
	});
	if (rows.length === 0) throw new Error('docs/roles.md: the matrix has no rows');
	return { rows };
}

/**
 * Where the staff member's role is held, relative to the CoE-AI centre that issued a
 * certificate: at the centre itself, above it (CoE-AI), at a sibling centre, or in a unit
 * below it (a training centre the centre runs).
 * @typedef {'same' | 'above' | 'sibling' | 'below'} CentreRelation
 * @type {CentreRelation[]}
 */
export const CENTRE_RELATIONS = ['same', 'above', 'sibling', 'below'];

/** A `centre` cell covers the centre and every centre under the unit where the role is held. */
export const centreCellAllows = (/** @type {string} */ cell, /** @type {CentreRelation} */ relation) =>
	cell === 'centre' && (relation === 'same' || relation === 'above');

/**
 * The second matrix in docs/roles.md (between the centre-matrix markers): what each role may do
 * with certificates by the centre that issued them, wherever the holder belongs.
 * @returns {{ action: string, cells: Record<string, 'centre' | '-'> }[]}
 */
export function readCentreMatrix(file = new URL('../docs/roles.md', import.meta.url)) {
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf('<!-- centre-matrix:start -->');
	const end = text.indexOf('<!-- centre-matrix:end -->');
	if (start < 0 || end < start) throw new Error('docs/roles.md: the centre-matrix markers are missing');
	const split = (/** @type {string} */ line) =>
		line
			.trim()
			.replace(/^\||\|$/g, '')
			.split('|')
			.map((c) => c.trim());
	const table = text
		.slice(start, end)
		.split('\n')
		.filter((line) => line.trim().startsWith('|'));
	const header = split(table[0] ?? '');
	if (header[0] !== 'action')
		throw new Error('docs/roles.md: the centre matrix must start with an action column');
	const roles = header.slice(1);
	for (const role of STAFF_ROLES)
		if (!roles.includes(role)) throw new Error(`docs/roles.md: the centre matrix has no column for ${role}`);
	return table.slice(2).map((line) => {
		const cells = split(line);
		/** @type {Record<string, any>} */
		const byRole = {};
		roles.forEach((role, i) => {
			const cell = cells[1 + i] ?? '';
			if (cell !== 'centre' && cell !== '-')
				throw new Error(`docs/roles.md: centre matrix cell "${cell}" is not "centre" or "-"`);
			byRole[role] = cell;
		});
		return { action: cells[0] ?? '', cells: byRole };
	});
}
