import { LANGUAGE_CODES } from '../i18n/languages';
import { Reporter, type Problem } from './problems';
import { checkMapping, checkString, isRecord, ID_PATTERN } from './yaml-checks';
import { displayPath, type SourceTree } from './source-tree';
import { YamlSource } from './yaml-source';

/**
 * Helplines, agencies and official sites live in one file, `_shared/contacts.yaml`, so a
 * number that changes (the FIA cybercrime wing became the NCCIA in 2025) is fixed once.
 * Lessons and quiz texts write `{{contact:<id>.<field>}}`; the compiler replaces it before
 * reading the file, so line numbers stay those of the source.
 */
export interface Contact {
	id: string;
	name: Record<string, string>;
	phone?: string;
	/** An SMS short code (BISP's 8171): the only number real messages come from. */
	sms?: string;
	url?: string;
	source: string;
	verified: boolean;
	note?: string;
	lastChecked: string;
}

export const CONTACTS_FILE = '_shared/contacts.yaml';
export const CONTACT_FIELDS = ['name', 'phone', 'sms', 'url', 'checked'] as const;
const PLACEHOLDER = /\{\{\s*contact:([^}]*?)\s*\}\}/g;
const PHONE = /^[0-9][0-9 -]*[0-9]$/;
// Names end up inside Markdown link text and YAML scalars: keep characters that would
// change either's structure out of them.
const UNSAFE_NAME = /[[\]{}<>`\n]/;

/** Reads and checks the contacts file; a tree without one simply has no contacts. */
export function readContacts(tree: SourceTree, problems: Problem[]): Map<string, Contact> {
	const contacts = new Map<string, Contact>();
	const text = tree.readText(CONTACTS_FILE);
	if (text === null) return contacts;
	const src = new YamlSource(text, new Reporter(displayPath(tree, CONTACTS_FILE), problems));
	if (src.failed) return contacts;
	if (!isRecord(src.value)) {
		src.report([], 'contacts.yaml must map contact ids to their details');
		return contacts;
	}
	for (const [id, v] of Object.entries(src.value)) {
		if (!ID_PATTERN.test(id)) {
			src.report([id], `contact id "${id}" is not a valid id (lowercase kebab-case)`);
			continue;
		}
		const required = ['name', 'source', 'verified', 'last_checked'];
		if (!checkMapping(src, [id], v, required, ['phone', 'sms', 'url', 'note'])) continue;
		let ok = true;
		const name: Record<string, string> = {};
		if (!isRecord(v.name)) {
			src.report([id, 'name'], `"${id}.name" must give the name per language`);
			ok = false;
		} else
			for (const [lang, n] of Object.entries(v.name)) {
				if (!(LANGUAGE_CODES as readonly string[]).includes(lang))
					src.report([id, 'name', lang], `unknown language "${lang}"`);
				else if (checkString(src, [id, 'name', lang], n)) {
					if (UNSAFE_NAME.test(n))
						src.report([id, 'name', lang], 'a contact name may not contain [ ] { } < > or `');
					else name[lang] = n.trim();
				}
			}
		const phone = v.phone === undefined ? undefined : String(v.phone);
		if (phone !== undefined && !PHONE.test(phone)) {
			src.report([id, 'phone'], `"${id}.phone" must be digits, spaces and dashes (got "${phone}")`);
			ok = false;
		}
		const sms = v.sms === undefined ? undefined : String(v.sms);
		if (sms !== undefined && !/^[0-9]{3,6}$/.test(sms)) {
			src.report([id, 'sms'], `"${id}.sms" must be a short code of 3 to 6 digits (got "${sms}")`);
			ok = false;
		}
		if (v.url !== undefined && !(typeof v.url === 'string' && /^https:\/\/[^\s()]+$/.test(v.url))) {
			src.report([id, 'url'], `"${id}.url" must be an https:// address`);
			ok = false;
		}
		if (typeof v.source !== 'string' || !/^https:\/\/\S+$/.test(v.source)) {
			src.report([id, 'source'], `"${id}.source" must be the https:// address the details come from`);
			ok = false;
		}
		if (typeof v.verified !== 'boolean') {
			src.report([id, 'verified'], `"${id}.verified" must be true or false`);
			ok = false;
		}
		const checked =
			v.last_checked instanceof Date ? v.last_checked.toISOString().slice(0, 10) : String(v.last_checked);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(checked)) {
			src.report([id, 'last_checked'], `"${id}.last_checked" must be a date such as 2026-12-02`);
			ok = false;
		}
		if (v.verified === false && typeof v.note !== 'string')
			src.report([id, 'note'], `"${id}" is not verified: add a "note" saying what is unconfirmed`);
		if (!ok) continue;
		contacts.set(id, {
			id,
			name,
			...(phone ? { phone } : {}),
			...(sms ? { sms } : {}),
			...(typeof v.url === 'string' ? { url: v.url } : {}),
			source: v.source as string,
			verified: v.verified as boolean,
			...(typeof v.note === 'string' ? { note: v.note } : {}),
			lastChecked: checked
		});
	}
	return contacts;
}

/** Replaces every placeholder in a file's text; problems name the file's line. */
export function resolveContacts(
	text: string,
	lang: string,
	contacts: Map<string, Contact>,
	reporter: Reporter
): string {
	if (!text.includes('{{')) return text;
	return text
		.split('\n')
		.map((line, i) =>
			line.replace(PLACEHOLDER, (whole, ref: string) => {
				const value = contactValue(ref, lang, contacts);
				if (typeof value === 'string') return value;
				reporter.report(i + 1, value.problem);
				return whole;
			})
		)
		.join('\n');
}

function contactValue(
	ref: string,
	lang: string,
	contacts: Map<string, Contact>
): string | { problem: string } {
	const dot = ref.lastIndexOf('.');
	const id = dot < 0 ? ref : ref.slice(0, dot);
	const field = dot < 0 ? '' : ref.slice(dot + 1);
	const contact = contacts.get(id);
	if (!contact) return { problem: `unknown contact "${id}" (not in courses/${CONTACTS_FILE})` };
	switch (field) {
		case 'name':
			return (
				contact.name[lang] ?? {
					problem: `contact "${id}" has no name in "${lang}" (courses/${CONTACTS_FILE})`
				}
			);
		case 'phone':
			return contact.phone ?? { problem: `contact "${id}" has no phone` };
		case 'sms':
			return contact.sms ?? { problem: `contact "${id}" has no sms code` };
		case 'url':
			return contact.url ?? { problem: `contact "${id}" has no url` };
		case 'checked':
			return contact.lastChecked;
		default:
			return {
				problem: `unknown contact field "${field}" in {{contact:${ref}}} (use ${CONTACT_FIELDS.join(', ')})`
			};
	}
}

/** Numbers this short (police 15) are everywhere in ordinary text; only longer ones are checked. */
const MIN_TYPED_DIGITS = 4;

/**
 * A helpline or official address typed into a lesson instead of `{{contact:…}}` would not
 * change when contacts.yaml is corrected: the old FIA number would live on in one lesson.
 * Runs on the source text, before placeholders are resolved.
 */
export function reportTypedContacts(text: string, contacts: Map<string, Contact>, reporter: Reporter): void {
	const patterns: [RegExp, string][] = [];
	for (const c of contacts.values()) {
		for (const field of ['phone', 'sms'] as const) {
			const digits = (c[field] ?? '').replace(/\D/g, '');
			if (digits.length >= MIN_TYPED_DIGITS)
				patterns.push([new RegExp(`(?<![0-9])${[...digits].join('[ -]?')}(?![0-9])`), `${c.id}.${field}`]);
		}
		const host = c.url && /^https?:\/\/(?:www\.)?([^/]+)/i.exec(c.url)?.[1];
		if (host) patterns.push([new RegExp(`://(?:www\\.)?${host.replace(/\./g, '\\.')}`, 'i'), `${c.id}.url`]);
	}
	if (patterns.length === 0) return;
	text.split('\n').forEach((line, i) => {
		for (const [re, ref] of patterns)
			if (re.test(line))
				reporter.report(
					i + 1,
					`${ref.endsWith('url') ? 'address' : 'number'} typed into the text: write {{contact:${ref}}} so it is fixed once in courses/${CONTACTS_FILE}`
				);
	});
}
