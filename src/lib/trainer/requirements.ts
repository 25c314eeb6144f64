/**
 * The Certified Trainer credential's requirements, as the database reports them
 * (`my_trainer_requirements()`, supabase/migrations/20261203000300_certified_trainer.sql). Each
 * id is also the refusal code the issuer answers while that requirement is missing.
 */
export const CERTIFIED_TRAINER = 'certified-trainer';

export const REQUIREMENT_IDS = [
	'verify_account',
	'awareness_not_completed',
	'foundations_not_passed',
	'ttt_not_passed',
	'no_trainer_cohort',
	'attendance_below_80',
	'needs_demonstration'
] as const;
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

export interface Requirement {
	id: RequirementId;
	met: boolean;
	/** awareness_not_completed: lessons done of the course's lessons. */
	done?: number;
	of?: number;
	/** no_trainer_cohort: the cohort that counts. */
	cohort_title?: string | null;
	/** attendance_below_80: sessions attended of the cohort's sessions since joining. */
	attended?: number;
	sessions?: number;
	/** needs_demonstration: the latest rubric's decision, if any. */
	last_decision?: 'approved' | 'not_yet' | null;
}

export interface TrainerRequirements {
	eligible: boolean;
	reason: RequirementId | null;
	requirements: Requirement[];
	certified: boolean;
}

/** What CoE-AI sees of the cascade (`trainer_cascade()`). */
export interface TrainerReach {
	trainer: string;
	name: string | null;
	certified: boolean;
	trained_by_name: string | null;
	learners_reached: number;
	trainers_trained: number;
	learners_reached_through_trainers: number;
}

export interface TrainerCascade {
	trainers_trained: number;
	trainers_running_cohorts: number;
	learners_reached: number;
	per_trainer: TrainerReach[];
}
