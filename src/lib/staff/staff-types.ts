/** Shapes the staff API returns; shared by the server module and the page (no runtime code). */
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
	learner_name: string | null; // null once the holder deleted their account
	course_id: string;
	centre: string;
	issued_at: string;
	revoked_at: string | null;
	revoke_reason: string | null;
	status_index: number;
}

export type StaffRole = 'assessor' | 'coe_admin';
