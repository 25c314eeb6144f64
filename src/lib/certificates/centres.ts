/**
 * CoE-AI centres that issue certificates. The three main centres and the four auxiliary ones
 * named by the National AI Policy; the id is stable (it is part of the issuer id in every
 * credential), the names are what the certificate prints.
 */
export const CENTRES = {
	islamabad: { name: 'Islamabad', kind: 'main' },
	karachi: { name: 'Karachi', kind: 'main' },
	lahore: { name: 'Lahore', kind: 'main' },
	peshawar: { name: 'Peshawar', kind: 'auxiliary' },
	quetta: { name: 'Quetta', kind: 'auxiliary' },
	faisalabad: { name: 'Faisalabad', kind: 'auxiliary' },
	hyderabad: { name: 'Hyderabad', kind: 'auxiliary' }
} as const;

export type CentreId = keyof typeof CENTRES;

export const CENTRE_IDS = Object.keys(CENTRES) as CentreId[];

export function isCentreId(value: unknown): value is CentreId {
	return typeof value === 'string' && Object.hasOwn(CENTRES, value);
}

export const COE_AI_NAME = 'Centre of Excellence in Artificial Intelligence (CoE-AI)';
