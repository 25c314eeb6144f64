import { env } from '$env/dynamic/private';
import { CENTRE_IDS, type CentreId } from '$lib/certificates/centres';
import { parseSignatories, type Signatory } from '$lib/certificates/signatory';

/**
 * The signatory fields for a centre's credentials, from CERT_SIGNATORIES (checked at start by
 * src/lib/server/config.ts). A centre without an entry issues without a named signatory.
 */
export function signatoryFields(
	centre: CentreId,
	vars: Record<string, string | undefined> = env
): { official?: string; officialTitle?: Signatory['title'] } {
	if (!vars.CERT_SIGNATORIES) return {};
	const parsed = parseSignatories(vars.CERT_SIGNATORIES, CENTRE_IDS);
	if (!parsed.ok) throw new Error(`CERT_SIGNATORIES ${parsed.detail}`);
	const signatory = parsed.value[centre];
	return signatory ? { official: signatory.name, officialTitle: signatory.title } : {};
}
