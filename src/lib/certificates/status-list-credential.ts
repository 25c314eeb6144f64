/**
 * The status list credential: a VC that carries the revocation bitstring, signed with the same
 * keys as the certificates. `ttl` (milliseconds, from the Bitstring Status List spec) tells a
 * verifier how long a copy may be trusted; past it, revocation status is unknown.
 */
export interface StatusListCredential {
	'@context': string[];
	id: string;
	type: ['VerifiableCredential', 'BitstringStatusListCredential'];
	issuer: string;
	validFrom: string;
	credentialSubject: {
		id: string;
		type: 'BitstringStatusList';
		statusPurpose: 'revocation';
		encodedList: string;
		ttl: number;
	};
}

/** One day: a revocation reaches every verifier that checks at least daily. */
export const STATUS_TTL_MS = 24 * 60 * 60 * 1000;

export function buildStatusListCredential(input: {
	listUrl: string;
	issuer: string;
	encodedList: string;
	issuedAt: Date;
	ttlMs?: number;
}): StatusListCredential {
	return {
		'@context': ['https://www.w3.org/ns/credentials/v2'],
		id: input.listUrl,
		type: ['VerifiableCredential', 'BitstringStatusListCredential'],
		issuer: input.issuer,
		validFrom: input.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		credentialSubject: {
			id: `${input.listUrl}#list`,
			type: 'BitstringStatusList',
			statusPurpose: 'revocation',
			encodedList: input.encodedList,
			ttl: input.ttlMs ?? STATUS_TTL_MS
		}
	};
}
