// `npm run grant-role -- <email> <role> [scope]`: gives an existing account a staff role
// (assessor, coe_admin, trainer, organisation_admin, partner) through the service-role-only
// `grant_role` RPC. Against the local stack it needs nothing else: the dev service key is
// derived from the dev JWT secret. For another backend set SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY (never commit that key).
import { apiKeys, DEV_JWT_SECRET } from './stack/keys.js';

const ROLES = ['assessor', 'coe_admin', 'trainer', 'organisation_admin', 'partner'];
const [email, role, scope = ''] = process.argv.slice(2);

if (!email || !role || !ROLES.includes(role)) {
	console.error(`usage: npm run grant-role -- <email> <${ROLES.join('|')}> [scope]`);
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

try {
	const response = await fetch(`${url}/rest/v1/rpc/grant_role`, {
		method: 'POST',
		headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify({ email, role, scope })
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) {
		console.error(`Could not grant ${role} to ${email}: ${body.message ?? response.status}`);
		process.exit(1);
	}
	console.log(`${email} (${body}) now has the role ${role}${scope ? ` for ${scope}` : ''}.`);
	console.log('They see it at /staff after signing in again or reloading the page.');
} catch (failure) {
	console.error(
		`No backend at ${url} (${failure instanceof Error ? failure.message : failure}). Is \`npm run dev\` or \`npm run stack\` running?`
	);
	process.exit(1);
}
