// `npm run grant-role -- <email> <role> <ORGANISATION-CODE>`: gives an existing account a staff
// role in an organisation (covering its subtree) through the service-role-only
// `grant_org_role_by_email` RPC; the grant is written to the audit log. Roles: org_admin,
// trainer, assessor, partner_admin, coe_admin, auditor. Codes are the organisations' stable
// codes, e.g. PK (the programme root in the sample tree), FED-ESTAB, COE-LHR. Against the local
// stack it needs nothing else: the dev service key is derived from the dev JWT secret. For
// another backend set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (never commit that key).
import { apiKeys, DEV_JWT_SECRET } from './stack/keys.js';

const ROLES = ['org_admin', 'trainer', 'assessor', 'partner_admin', 'coe_admin', 'auditor'];
const [email, role, orgCode] = process.argv.slice(2);

if (!email || !role || !ROLES.includes(role) || !orgCode) {
	console.error(`usage: npm run grant-role -- <email> <${ROLES.join('|')}> <ORGANISATION-CODE>`);
	console.error('e.g.   npm run grant-role -- you@example.pk org_admin FED-ESTAB');
	process.exit(2);
}

const url = (
	process.env.SUPABASE_URL ||
	process.env.PUBLIC_SUPABASE_URL ||
	`http://127.0.0.1:${process.env.SEEKH_STACK_PORT ?? 54321}`
).replace(/\/$/, '');
let key = process.env.SUPABASE_SERVICE_ROLE_KEY;
if (!key) {
	if (!/^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(url)) {
		console.error(`SUPABASE_SERVICE_ROLE_KEY must be set to grant roles on ${url}`);
		process.exit(2);
	}
	key = (await apiKeys(process.env.SEEKH_JWT_SECRET ?? DEV_JWT_SECRET)).serviceKey;
}

async function rpc(name, body) {
	const response = await fetch(`${url}/rest/v1/rpc/${name}`, {
		method: 'POST',
		headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return { ok: response.ok, status: response.status, body: await response.json().catch(() => ({})) };
}

try {
	const granted = await rpc('grant_org_role_by_email', { email, org_code: orgCode, role });
	if (!granted.ok) {
		console.error(
			`Could not grant ${role} in ${orgCode} to ${email}: ${granted.body.message ?? granted.status}`
		);
		process.exit(1);
	}
	// Certificate revocation still reads the old user_roles table until it asks has_role_in()
	// (its move into SQL is under way): keep a CoE-AI admin able to revoke meanwhile.
	if (role === 'coe_admin') await rpc('grant_role', { email, role, scope: orgCode });
	console.log(
		`${email} (${granted.body}) is now ${role} in ${orgCode.toUpperCase()} and every unit below it.`
	);
	console.log('They see it at /staff after signing in again or reloading the page.');
} catch (failure) {
	console.error(
		`No backend at ${url} (${failure instanceof Error ? failure.message : failure}). Is \`npm run dev\` or \`npm run stack\` running?`
	);
	process.exit(1);
}
