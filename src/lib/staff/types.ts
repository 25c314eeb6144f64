/** Shapes the staff API returns; shared by the server modules and the pages (no runtime code). */
export type StaffRole = 'org_admin' | 'trainer' | 'assessor' | 'partner_admin' | 'coe_admin' | 'auditor';
export const STAFF_ROLES: readonly StaffRole[] = [
	'org_admin',
	'trainer',
	'assessor',
	'partner_admin',
	'coe_admin',
	'auditor'
];

/** One role held in one organisation (covering its subtree). */
export interface StaffGrant {
	org_id: string;
	role: StaffRole;
	code: string;
	names: Record<string, string>;
	kind: string;
	is_sample: boolean;
}

export interface WaitingLearner {
	learner: string;
	/** Email or phone of the account. */
	contact: string;
	display_name: string | null;
	course_id: string;
	course_title: string;
	passed_at: string;
	score: number | null;
	last_decision: 'approved' | 'not_yet' | null;
	last_evaluated_at: string | null;
}

export interface StaffCertificate {
	code: string;
	learner_name: string;
	course_id: string;
	centre: string;
	issued_at: string;
	revoked_at: string | null;
	revoke_reason: string | null;
	status_index: number;
}

/** A CoE-AI centre the caller holds a role at (or above), for the certificate tool's filter. */
export interface CertificateCentre {
	id: string;
	code: string;
	/** The centre code certificates carry ('lahore'): cert:centres.<code> names it. */
	certificate_centre: string;
	names: Record<string, string>;
	is_sample: boolean;
	/** coe_admin or assessor there (may issue and revoke); an auditor only reads. */
	may_act: boolean;
}

export interface OrgUnit {
	id: string;
	parent_id: string | null;
	parent_code: string | null;
	code: string;
	kind: string;
	names: Record<string, string>;
	province: string | null;
	district: string | null;
	is_sample: boolean;
	depth: number;
	children: number;
}

export interface Person {
	user_id: string;
	display_name: string | null;
	contact: string | null;
	unit_id: string | null;
	unit_code: string | null;
	roles: StaffRole[];
}

export interface AuditEntry {
	id: number;
	at: string;
	actor: string | null;
	actor_label: string | null;
	org_id: string | null;
	org_code: string | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	target_label: string | null;
	before: unknown;
	after: unknown;
}

/** A page of a keyset-paged list: `next` is the cursor for the following page, or null. */
export interface Page<T> {
	items: T[];
	next: string | null;
}

export const ORG_KINDS = [
	'federal_government',
	'ministry',
	'division',
	'attached_department',
	'autonomous_body',
	'subordinate_office',
	'wing',
	'section',
	'provincial_government',
	'provincial_department',
	'district_office',
	'coe_ai',
	'coe_centre',
	'training_centre',
	'school',
	'university',
	'partner'
] as const;

/** What a partner's API key may do (public.partner_keys.scopes). */
export const PARTNER_SCOPES = [
	'roster:write',
	'progress:read',
	'certificates:read',
	'webhooks:manage'
] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** A partner API key as staff see it: never the secret (only once, at creation) nor its hash. */
export interface PartnerKey {
	id: string;
	org_id: string;
	name: string;
	prefix: string;
	scopes: PartnerScope[];
	expires_at: string;
	created_at: string;
	revoked_at: string | null;
	replaced_by: string | null;
	last_used_at: string | null;
	rate_per_minute: number;
	state: 'active' | 'rotating' | 'revoked' | 'expired';
}

/** One use of a partner key, from the audit log: when, what was asked, the gate's answer. */
export interface KeyUse {
	id: number;
	at: string;
	/** Method and path, e.g. "GET /api/partner/v1/completions?since=…". */
	request: string;
	/** 'ok', or why the gate refused: key_revoked, key_expired, scope_missing, rate_limited. */
	result: string;
	scope: string | null;
}
