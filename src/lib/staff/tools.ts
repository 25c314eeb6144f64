import type { StaffRole } from './types';

/**
 * THE registry of staff tools: the /staff hub shows a tool when the person holds one of its
 * roles in the chosen organisation. Adding a tool = a folder src/routes/staff/<id>/, its
 * client calls in src/lib/staff/<id>.ts, its server code in src/lib/server/staff/<id>.ts,
 * and one line here (docs/architecture.md, "Adding a staff tool").
 */
export interface StaffTool {
	id: string;
	/** Any one of these, held in the chosen organisation (or above it), opens the tool. */
	roles: readonly StaffRole[];
	/** staff:tools.<id>.title and staff:tools.<id>.summary */
	labelKey: string;
	href: string;
	/** The string namespaces its page reads besides `staff` (kept for offline with its code: keep-offline.ts). */
	strings?: readonly string[];
	/** Pages outside /staff that the tool links to for the same people, kept for offline with it. */
	related?: readonly string[];
}

export const STAFF_TOOLS: readonly StaffTool[] = [
	{
		id: 'people',
		roles: ['org_admin', 'coe_admin', 'auditor'],
		labelKey: 'staff:tools.people',
		href: '/staff/people'
	},
	{
		id: 'organisations',
		roles: ['org_admin', 'coe_admin', 'auditor'],
		labelKey: 'staff:tools.organisations',
		href: '/staff/organisations'
	},
	{
		id: 'audit',
		roles: ['org_admin', 'coe_admin', 'auditor'],
		labelKey: 'staff:tools.audit',
		href: '/staff/audit'
	},
	{ id: 'assessor', roles: ['assessor'], labelKey: 'staff:tools.assessor', href: '/staff/assessor' },
	{
		id: 'certificates',
		roles: ['coe_admin', 'assessor', 'auditor'],
		labelKey: 'staff:tools.certificates',
		href: '/staff/certificates'
	},
	{
		id: 'compliance',
		roles: ['org_admin', 'auditor', 'coe_admin'],
		labelKey: 'staff:tools.compliance',
		href: '/staff/compliance',
		strings: ['compliance']
	},
	{
		id: 'enrolment',
		roles: ['org_admin'],
		labelKey: 'staff:tools.enrolment',
		href: '/staff/enrolment',
		strings: ['compliance']
	},
	{
		id: 'monitoring',
		roles: ['coe_admin', 'auditor'],
		labelKey: 'staff:tools.monitoring',
		href: '/staff/monitoring',
		strings: ['monitoring']
	},
	{
		id: 'cohorts',
		roles: ['trainer', 'org_admin'],
		labelKey: 'staff:tools.cohorts',
		href: '/staff/cohorts',
		strings: ['cohorts', 'kit', 'course'],
		// The facilitator guides trainers prepare their sessions with (its packs are saved apart;
		// its page reads 'kit' and 'course', whose callout labels the guides use).
		related: ['/trainer-kit']
	},
	{
		id: 'partner',
		roles: ['partner_admin'],
		labelKey: 'staff:tools.partner',
		href: '/staff/partner',
		strings: ['partner']
	},
	{
		id: 'partner-deliveries',
		roles: ['partner_admin'],
		labelKey: 'staff:tools.partner-deliveries',
		href: '/staff/partner-deliveries',
		strings: ['deliveries']
	}
];

export const toolsFor = (roles: readonly StaffRole[]) =>
	STAFF_TOOLS.filter((tool) => tool.roles.some((r) => roles.includes(r)));

export const toolById = (id: string) => STAFF_TOOLS.find((tool) => tool.id === id);
