import type { Publication } from './suppress';

/** One row of `programme_figures()`: counts for one value of the chosen breakdown. */
export interface FigureRow {
	key: string;
	enrolled: number;
	active: number;
	completed: number;
	passed: number;
	certified: number;
}

export const METRICS = ['enrolled', 'active', 'completed', 'passed', 'certified'] as const;
export type Metric = (typeof METRICS)[number];

export const BREAKDOWNS = [
	'month',
	'programme',
	'course',
	'language',
	'province',
	'district',
	'gender',
	'disability',
	'age_band'
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** `programme_targets()`: the policy's targets and where the programme stands. */
export interface Targets {
	fiscal_year: number;
	trained: number;
	trained_target: number;
	trainers: number;
	trainers_target: number;
	trainers_deadline: string;
	awareness_completions: number;
	refreshed_at: string;
}

/** One line of `programme_compliance()`: person-assignments of mandatory training. */
export interface ComplianceFigure {
	assigned: number;
	exempt: number;
	valid: number;
	/** valid ÷ (assigned − exempt) × 100, one decimal; null when nobody is assigned. */
	percent: number | null;
}
export interface ComplianceUnitFigure extends ComplianceFigure {
	code: string;
	names: Record<string, string>;
}
/** The civil-service compliance roll-up: nationally and per top-level unit. */
export interface ComplianceFigures {
	national: ComplianceFigure;
	units: ComplianceUnitFigure[];
}

/** What /api/progress publishes: suppressed figures only. */
export interface PublicProgress extends Publication {
	generated_at: string;
	refreshed_at: string;
	fiscal_year: number;
	trained_target: number;
	trainers_target: number;
	trainers_deadline: string;
	dropped: string[];
}
