import { resolvePath, type SourceTree } from './source-tree';

/**
 * Images are inlined into the pack as data: URIs, so a stored pack is complete on its own and
 * the budget counts them. Only local SVG and WebP under the course folder are accepted.
 */
export function resolveImage(
	tree: SourceTree,
	lessonDir: string,
	courseDir: string,
	ref: string
): { dataUri: string } | string {
	if (/^(https?:)?\/\//i.test(ref))
		return `remote image "${ref}": images must be local files in the course's media folder`;
	if (/^[a-z]+:/i.test(ref)) return `image "${ref}" must be a local .svg or .webp file`;
	const path = resolvePath(lessonDir, decodeURIComponent(ref));
	if (path === null || !path.startsWith(`${courseDir}/`))
		return `image "${ref}" is outside the course folder`;
	const ext = /\.(svg|webp)$/i.exec(path)?.[1]?.toLowerCase();
	if (!ext) return `image "${ref}" must be .svg or .webp`;
	const bytes = tree.readBytes(path);
	if (!bytes) return `image "${ref}" not found`;
	if (ext === 'webp') return { dataUri: `data:image/webp;base64,${base64(bytes)}` };
	const svg = new TextDecoder().decode(bytes).trim();
	if (/<script|\son[a-z]+\s*=|<foreignObject/i.test(svg))
		return `image "${ref}" contains script or embedded HTML`;
	return { dataUri: `data:image/svg+xml,${encodeSvg(svg)}` };
}

/** Percent-encodes only what a data: URI needs; smaller than base64, and gzips well. */
function encodeSvg(svg: string): string {
	const encoded = svg
		.replace(/\s+/g, ' ')
		.replace(/[%#<>"{}|\\^`\u0080-\uffff]/g, (c) => encodeURIComponent(c));
	// Double quotes become single ones (shorter) unless the SVG already uses single quotes.
	return svg.includes("'") ? encoded : encoded.replace(/%22/g, "'");
}

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}
