import { CENTRES, COE_AI_NAME, type CentreId } from './centres';

/**
 * Open Badges 3.0 `OpenBadgeCredential` in the W3C Verifiable Credentials 2.0 data model.
 * Built here as plain data (no keys, no I/O) so the same shape is tested against the official
 * schema, signed on the server and read back by the verifier in the browser.
 */
export const CREDENTIAL_CONTEXT = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
] as const;

export interface IssuerProfile {
	id: string;
	type: ['Profile'];
	name: string;
	url: string;
	parentOrg?: IssuerProfile;
}

export interface OpenBadgeCredential {
	'@context': string[];
	id: string;
	type: ['VerifiableCredential', 'OpenBadgeCredential'];
	name: string;
	issuer: IssuerProfile;
	validFrom: string;
	validUntil?: string;
	credentialSubject: {
		type: ['AchievementSubject'];
		/** The learner's name as they typed it (Urdu or English script), not hashed. */
		name: string;
		identifier: { type: 'IdentityObject'; identityHash: string; identityType: 'name'; hashed: false }[];
		achievement: {
			id: string;
			type: ['Achievement'];
			achievementType: AchievementType;
			name: string;
			description: string;
			criteria: { narrative: string };
			inLanguage?: string;
		};
		result?: { type: ['Result']; status?: 'Completed' }[];
	};
	credentialStatus: {
		id: string;
		type: 'BitstringStatusListEntry';
		statusPurpose: 'revocation';
		statusListIndex: string;
		statusListCredential: string;
	};
}

/**
 * OB 3.0 achievement types used here: a course `Certificate`, and `Certification` for the
 * Certified Trainer credential (a licence-like status earned on several requirements).
 */
export type AchievementType = 'Certificate' | 'Certification';

export interface CredentialInput {
	/** `urn:uuid:…`, unique per certificate. */
	id: string;
	/** Public origin of the app, e.g. `https://seekh.pk` (no trailing slash). */
	origin: string;
	centre: CentreId;
	courseId: string;
	courseTitle: string;
	courseDescription: string;
	criteria: string;
	/** Defaults to `Certificate` (a course certificate). */
	achievementType?: AchievementType;
	learnerName: string;
	issuedAt: Date;
	validUntil?: Date;
	statusIndex: number;
}

/** Where the revocation list is published (one list for every certificate). */
export function statusListUrl(origin: string): string {
	return `${origin}/api/certificates/status-list`;
}

export function issuerFor(origin: string, centre: CentreId): IssuerProfile {
	return {
		id: `${origin}/issuers/coe-ai-${centre}`,
		type: ['Profile'],
		name: `${COE_AI_NAME}, ${CENTRES[centre].name}`,
		url: origin,
		parentOrg: { id: `${origin}/issuers/coe-ai`, type: ['Profile'], name: COE_AI_NAME, url: origin }
	};
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
	const name = input.learnerName.normalize('NFC').trim();
	const list = statusListUrl(input.origin);
	const credential: OpenBadgeCredential = {
		'@context': [...CREDENTIAL_CONTEXT],
		id: input.id,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: input.courseTitle,
		issuer: issuerFor(input.origin, input.centre),
		validFrom: isoSeconds(input.issuedAt),
		credentialSubject: {
			type: ['AchievementSubject'],
			name,
			identifier: [{ type: 'IdentityObject', identityHash: name, identityType: 'name', hashed: false }],
			achievement: {
				id: `${input.origin}/achievements/${input.courseId}`,
				type: ['Achievement'],
				achievementType: input.achievementType ?? 'Certificate',
				name: input.courseTitle,
				description: input.courseDescription,
				criteria: { narrative: input.criteria }
			}
		},
		credentialStatus: {
			id: `${list}#${input.statusIndex}`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: String(input.statusIndex),
			statusListCredential: list
		}
	};
	if (input.validUntil) credential.validUntil = isoSeconds(input.validUntil);
	return credential;
}

/** VC-JWT (OB 3.0 §8.2): the credential is the payload, with the registered claims it implies. */
export function jwtClaimsFor(credential: OpenBadgeCredential): Record<string, unknown> {
	const claims: Record<string, unknown> = {
		...credential,
		iss: credential.issuer.id,
		jti: credential.id,
		nbf: Math.floor(Date.parse(credential.validFrom) / 1000)
	};
	if (credential.validUntil) claims.exp = Math.floor(Date.parse(credential.validUntil) / 1000);
	return claims;
}

function isoSeconds(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
