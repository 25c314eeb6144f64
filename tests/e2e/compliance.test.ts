import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { certBackend } from './cert-backend';
import { deviceMeta, newEmail, submitEmailForm, waitForSyncStatus } from './learner-helpers';

/**
 * Mandatory training, end to end in Urdu at 360 px: an organisation admin uploads an HR file
 * with three bad rows and sees the three line errors, fixes and applies it, assigns the course;
 * a civil servant signs in with the mobile HR has on file (one-time code), is matched, takes the
 * course's final assessment offline and reconnects; the dashboard shows them Completed and the
 * export contains them. Then the clock moves: overdue, an exemption, due for recertification and
 * renewed by passing again, then the renewal expiring.
 */
const COURSE = 'ai-public-servants';
const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const json = (p: string) =>
	JSON.parse(readFileSync(root(p), 'utf8')) as Record<string, Record<string, string>>;
// The key the test stack seeded (the real one is sealed): scripts/assessment-seed.js.
const key: Record<string, unknown[]> = keyAsSeededForTests(root(`courses/${COURSE}`));
const ur = {
	c: json('locales/ur/compliance.json') as unknown as Record<string, Record<string, string>>,
	sync: json('locales/ur/sync.json') as unknown as { account: Record<string, string> },
	cert: json('locales/ur/cert.json') as unknown as { assessment: Record<string, string> },
	status: json('locales/ur/status.json') as unknown as Record<string, string>
};
const fill = (s: string, vars: Record<string, string>) =>
	s.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? '');
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const toUrduDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** The compliance answers a page gets (and its console errors), for the message below. */
function recordAnswers(page: Page): string[] {
	const asked: string[] = [];
	page.on('response', (r) => {
		if (!/\/rest\/v1\/(rpc|compliance)/.test(r.url())) return;
		const line = `${new URL(r.url()).pathname} ${r.status()}`;
		// The answer's start says whether anything was assigned.
		void r
			.text()
			.then((body) => asked.push(`${line} ${body.slice(0, 160)}`))
			.catch(() => asked.push(line));
	});
	page.on('console', (m) => m.type() === 'error' && asked.push(`console: ${m.text()}`));
	return asked;
}

/** Why "My mandatory training" did not show: drawn but hidden (under the painted copy), or never drawn. */
async function whyHidden(page: Page, asked: string[], e: Error): Promise<never> {
	const state = await page.evaluate(() => ({
		painted: !!document.getElementById('seekh-paint'),
		section: document.querySelectorAll('[data-testid="my-mandatory-training"]').length,
		main: document.querySelector('main')?.textContent?.slice(0, 120)
	}));
	throw new Error(`${e.message}\npage: ${JSON.stringify(state)}\nasked:\n${asked.join('\n')}`);
}

describe.skipIf(noBrowser)('mandatory training and compliance, in Urdu', () => {
	let browser: Browser;
	const network = certBackend();
	const { stack } = network;
	const service = createClient(stack.url, stack.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	const rpc = async (fn: string, args: Record<string, unknown> = {}) => {
		const { data, error } = await service.rpc(fn, args);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as unknown;
	};

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(() => network.restoreNetwork());
	afterAll(async () => {
		await rpc('compliance_set_clock', { offset_days: 0 }).catch(() => undefined);
		await browser?.close();
	});

	/** The auth stand-in "sends" a random code; as the phone's owner, we set the one we type. */
	async function knownCode(phone: string, code: string) {
		const res = await fetch(`${stack.url}/rest/v1/rpc/put_otp`, {
			method: 'POST',
			headers: {
				apikey: stack.serviceKey,
				authorization: `Bearer ${stack.serviceKey}`,
				'content-type': 'application/json',
				'content-profile': 'local_auth'
			},
			body: JSON.stringify({
				p_target: phone,
				p_hash: createHash('sha256').update(code).digest('hex'),
				p_ttl_seconds: 600
			})
		});
		if (!res.ok) throw new Error(`put_otp: ${res.status} ${await res.text()}`);
	}

	const statusText = (s: string) => ur.c.status![s]!;
	async function personStatus(page: Page, employeeId: string) {
		const row = page
			.getByTestId('people')
			.locator('li')
			.filter({ hasText: `(${employeeId})` });
		await row.first().waitFor({ timeout: 30_000 });
		return row.first().locator('.status').innerText();
	}

	it('upload with line errors → apply → assign → officer matched → offline assessment → Completed → export → overdue, exemption, renewal, expiry', async () => {
		const run = Date.now().toString(36).toUpperCase();
		const mobileDigits = `0345${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
		const phone = `92${mobileDigits.slice(1)}`;
		const ids = { officer: `OF${run}`, late: `LT${run}`, leave: `LV${run}` };

		// The Training Wing's administrator (a real account, role granted by the operator).
		const adminEmail = newEmail('tw-admin');
		const signup = await createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false },
			realtime: { transport: WebSocket as never }
		}).auth.signUp({ email: adminEmail, password: 'correct horse battery' });
		expect(signup.error).toBeNull();
		await rpc('grant_org_role_by_email', { email: adminEmail, org_code: 'FED-ESTAB-TW', role: 'org_admin' });

		const adminContext = await newPhoneContext(browser);
		const admin = await adminContext.newPage();
		await admin.goto('/account?lang=ur');
		await submitEmailForm(admin, adminEmail, 'correct horse battery', ur.sync.account.signIn!);
		await admin.locator('#account-email').waitFor({ state: 'detached', timeout: 30_000 });

		// 1. The HR file with three bad rows: three line errors, in Urdu, nothing saved.
		const header =
			'employee_id,full_name,email,mobile,org_unit_code,bps,designation,program_code,due_date,supervisor_employee_id';
		const good = [
			`${ids.officer},عائشہ خان,,${mobileDigits},FED-ESTAB-TW-S1,17,سیکشن آفیسر,,,`,
			`${ids.late},بلال احمد,,,FED-ESTAB-TW-S1,18,ڈپٹی سیکرٹری,,,${ids.officer}`,
			`${ids.leave},زینب علی,,,FED-ESTAB-TW,19,جوائنٹ سیکرٹری,,,`
		];
		const bad = [
			`${ids.late},دوبارہ,,,FED-ESTAB-TW-S1,18,,,,`, // line 5: duplicate employee id
			`X${run},نامعلوم,,,NO-SUCH-UNIT,17,,,,`, // line 6: unknown unit
			`Y${run},غلط نمبر,,12345,FED-ESTAB-TW,17,,,,` // line 7: malformed mobile
		];
		await admin.goto('/staff/enrolment?lang=ur');
		await admin.getByRole('heading', { name: ur.c.enrolment!.heading! }).waitFor({ timeout: 30_000 });
		await admin.locator('#employer').waitFor();
		await admin.locator('#hr-file').setInputFiles({
			name: 'staff.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...good, ...bad].join('\n'))
		});
		const problems = admin.getByTestId('file-problems').locator('li');
		await problems.first().waitFor({ timeout: 60_000 });
		const lines = await problems.allInnerTexts();
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(new RegExp(`^سطر ${toUrduDigits('5')}|^سطر 5`));
		expect(lines.join('\n')).toContain('NO-SUCH-UNIT');
		expect(lines.join('\n')).toContain('12345');

		// 2. Fixed file: no problems; applied all at once.
		await admin.locator('#hr-file').setInputFiles({
			name: 'staff-fixed.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...good].join('\n'))
		});
		const apply = admin.getByRole('button', {
			name: new RegExp(fill(ur.c.enrolment!.apply!, { n: '[3۳]' }))
		});
		await apply.waitFor({ timeout: 60_000 });
		expect(await admin.getByTestId('file-problems').count()).toBe(0);
		await apply.click();
		await admin.locator('p.done[role=status]').waitFor({ timeout: 60_000 });

		// 3. Assign the course to the Training Wing, due in 10 days, renewed every 24 months.
		await admin.locator('#a-code').fill(`AI${run}`);
		await admin.locator('#a-title-en').fill('AI for Public Servants');
		await admin.locator('#a-title-ur').fill('سرکاری ملازمین کے لیے مصنوعی ذہانت');
		await admin.locator(`input[type=checkbox][value="${COURSE}"]`).check();
		await admin.locator('#a-due').fill(inDays(10));
		await admin.locator('#a-recert').fill('24');
		await admin.getByRole('button', { name: ur.c.assign!.preview! }).click();
		await admin.locator('fieldset p[role=status]').waitFor({ timeout: 30_000 });
		await admin.getByRole('button', { name: ur.c.assign!.save! }).click();
		const saved = admin.getByText(fill(ur.c.assign!.saved!, { code: `AI${run}` }));
		const refused = admin.locator('form p[role=alert]');
		await saved.or(refused).first().waitFor({ timeout: 30_000 });
		if (await refused.count()) throw new Error(`assignment refused: ${await refused.innerText()}`);

		// 4. The officer signs in with the mobile HR has on file and is matched.
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		// What the account and home pages asked and were told (the proof, the HR claim, the list),
		// printed if the section never shows: it did not, now and then, in CI; locally it always has.
		const asked = recordAnswers(page);
		await page.goto('/account?lang=ur');
		await waitForServiceWorker(page);
		const phoneForm = page.locator('form').filter({ has: page.locator('#account-phone') });
		await page.locator('#account-phone').fill(mobileDigits);
		await phoneForm.getByRole('button', { name: ur.sync.account.sendCode! }).click();
		await page.locator('#account-code').waitFor();
		await knownCode(phone, '246810');
		await page.locator('#account-code').fill('246810');
		await phoneForm.getByRole('button', { name: ur.sync.account.verifyCode! }).click();
		await page.locator('#account-phone').waitFor({ state: 'detached', timeout: 30_000 });
		await page.goto('/');
		const mine = page.getByTestId('my-mandatory-training');
		await mine.waitFor({ timeout: 45_000 }).catch((e: Error) => whyHidden(page, asked, e));
		await expect(mine.innerText()).resolves.toContain('سرکاری ملازمین کے لیے مصنوعی ذہانت');
		await expect(mine.locator('.status').first().innerText()).resolves.toBe(statusText('not_started'));

		// 5. Download the course, take the final assessment with no network, reconnect.
		await page.goto(`/courses/${COURSE}`);
		await page
			.locator('button', { hasText: /ڈاؤن لوڈ/ })
			.first()
			.click();
		await expect
			.poll(
				() =>
					deviceMeta(page, `assessment-tickets:${COURSE}`).then(
						(b) => (b as { tickets?: unknown[] })?.tickets?.length
					),
				{ timeout: 60_000 }
			)
			.toBe(3);
		await context.setOffline(true);
		await network.cutNetwork();
		await page.goto(`/assessment/${COURSE}`);
		await page.getByRole('button', { name: ur.cert.assessment.start! }).click();
		const readNames = () =>
			page
				.locator('fieldset input')
				.evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
		await expect.poll(async () => (await readNames()).length, { timeout: 30_000 }).toBe(10);
		for (const question of await readNames())
			for (const option of key[question]!.map(String))
				await page.locator(`input[name="${question}"][value="${option}"]`).check();
		await page.getByRole('button', { name: ur.cert.assessment.submit! }).click();
		await page
			.locator('[role="status"]')
			.filter({ hasText: ur.cert.assessment.submitted!.slice(0, 20) })
			.waitFor();
		await network.restoreNetwork();
		await context.setOffline(false);
		await waitForSyncStatus(page, 'idle', ur.status.allSaved!);
		await page.goto('/');
		await expect
			.poll(
				() =>
					mine
						.locator('.status')
						.first()
						.innerText()
						.catch(() => ''),
				{ timeout: 30_000 }
			)
			.toBe(statusText('completed'));

		// 6. The dashboard shows them Completed; the export holds exactly them.
		await admin.goto('/staff/compliance?lang=ur');
		await admin.getByTestId('rollup-table').waitFor({ timeout: 30_000 });
		expect(await personStatus(admin, ids.officer)).toBe(statusText('completed'));
		const [download] = await Promise.all([
			admin.waitForEvent('download', { timeout: 60_000 }),
			admin.getByRole('button', { name: ur.c.export!.csv! }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^compliance-FED-ESTAB-TW-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
		const csv = readFileSync((await download.path())!, 'utf8');
		const officerLine = csv.split('\r\n').find((l) => l.startsWith(ids.officer));
		expect(officerLine).toContain(',completed,');
		expect(officerLine).toContain('عائشہ خان');

		// 7. Eleven days on: the one who never started is overdue; the officer is still Completed.
		await rpc('compliance_set_clock', { offset_days: 11 });
		await rpc('compliance_tick');
		await admin.reload();
		expect(await personStatus(admin, ids.late)).toBe(statusText('overdue'));
		expect(await personStatus(admin, ids.officer)).toBe(statusText('completed'));

		// 8. An exemption, with its reason (audited in the database).
		const leaveRow = admin
			.getByTestId('people')
			.locator('li')
			.filter({ hasText: `(${ids.leave})` })
			.first();
		await leaveRow.locator('summary').click();
		await leaveRow.locator('input').fill('طویل طبی رخصت پر');
		await leaveRow.getByRole('button', { name: ur.c.people!.exempt! }).click();
		await expect.poll(() => personStatus(admin, ids.leave), { timeout: 30_000 }).toBe(statusText('exempted'));

		// 9. Twenty-three and a half months on, the officer is inside the 30-day window before the
		// certification lapses: due for recertification (still compliant), told so on the home page.
		const validUntil = async () => {
			const { data, error } = await service
				.from('compliance_status')
				.select('valid_until, employees!inner(employee_id)')
				.eq('employees.employee_id', ids.officer)
				.single();
			if (error) throw new Error(`compliance_status: ${error.message}`);
			return (data as { valid_until: string }).valid_until;
		};
		const firstValid = await validUntil();
		const dueAgainAt = Math.round((Date.parse(firstValid) - Date.now()) / 86_400_000) - 15;
		await rpc('compliance_set_clock', { offset_days: dueAgainAt });
		await rpc('compliance_tick');
		await admin.reload();
		expect(await personStatus(admin, ids.officer)).toBe(statusText('recert_due'));
		await page.goto('/');
		await expect
			.poll(
				() =>
					mine
						.locator('.status')
						.first()
						.innerText()
						.catch(() => ''),
				{ timeout: 30_000 }
			)
			.toBe(statusText('recert_due'));

		// 10. They take the final assessment again (online this time) and pass: renewed, with a new
		// valid-until two years from the renewal; the dashboard shows them Completed again.
		await page.goto(`/assessment/${COURSE}`);
		await page.getByRole('button', { name: ur.cert.assessment.start! }).click({ timeout: 30_000 });
		await expect.poll(async () => (await readNames()).length, { timeout: 30_000 }).toBe(10);
		for (const question of await readNames())
			for (const option of key[question]!.map(String))
				await page.locator(`input[name="${question}"][value="${option}"]`).check();
		await page.getByRole('button', { name: ur.cert.assessment.submit! }).click();
		await waitForSyncStatus(page, 'idle', ur.status.allSaved!);
		await expect.poll(validUntil, { timeout: 30_000 }).not.toBe(firstValid);
		const renewed = await validUntil();
		expect(Date.parse(renewed) - Date.parse(firstValid)).toBeGreaterThan(600 * 86_400_000);
		await admin.reload();
		expect(await personStatus(admin, ids.officer)).toBe(statusText('completed'));

		// 11. Past the renewed valid-until, with no renewal this time: expired.
		await rpc('compliance_set_clock', {
			offset_days: Math.round((Date.parse(renewed) - Date.now()) / 86_400_000) + 5
		});
		await rpc('compliance_tick');
		await admin.reload();
		expect(await personStatus(admin, ids.officer)).toBe(statusText('expired'));
		await rpc('compliance_set_clock', { offset_days: 0 });
		await rpc('compliance_tick');

		await context.close();
		await adminContext.close();
	});
	it('a civil servant who signs in with the email HR has on file (a code, no password) is matched and sees "My mandatory training"', async () => {
		const run = Date.now().toString(36).toUpperCase();
		const email = newEmail(`officer-${run}`).toLowerCase();
		const adminEmail = newEmail('tw-email-admin');
		const admin = createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false },
			realtime: { transport: WebSocket as never }
		});
		expect(
			(await admin.auth.signUp({ email: adminEmail, password: 'correct horse battery' })).error
		).toBeNull();
		await rpc('grant_org_role_by_email', { email: adminEmail, org_code: 'FED-ESTAB-TW', role: 'org_admin' });
		const { data: unit } = await service
			.from('organisations')
			.select('id')
			.eq('code', 'FED-ESTAB-TW')
			.single();
		const asAdmin = async (fn: string, args: Record<string, unknown>) => {
			const { data, error } = await admin.rpc(fn, args);
			if (error) throw new Error(`${fn}: ${error.message}`);
			return data as unknown;
		};
		await asAdmin('apply_employee_file', {
			employer: unit!.id,
			rows: [
				{
					line: 2,
					employee_id: `EM${run}`,
					full_name: 'ماریہ بتول',
					email,
					mobile: '',
					org_unit_code: 'FED-ESTAB-TW-S1',
					bps: '16',
					designation: '',
					program_code: '',
					due_date: '',
					supervisor_employee_id: ''
				}
			]
		});
		await asAdmin('create_compliance_assignment', {
			org: unit!.id,
			code: `EM${run}`,
			title: { en: 'Email officers', ur: `ای میل والے افسران ${run}` },
			course_ids: [COURSE],
			due_date: inDays(20)
		});

		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/account?lang=ur');
		const emailForm = page.locator('form').filter({ has: page.locator('#account-email-otp') });
		await page.getByRole('heading', { name: ur.sync.account.emailCodeHeading! }).waitFor();
		await page.locator('#account-email-otp').fill(email);
		await emailForm.getByRole('button', { name: ur.sync.account.sendCode! }).click();
		await page.locator('#account-email-code').waitFor();
		await knownCode(email, '135790');
		await page.locator('#account-email-code').fill('135790');
		await emailForm.getByRole('button', { name: ur.sync.account.verifyCode! }).click();
		await page.locator('#account-email-otp').waitFor({ state: 'detached', timeout: 30_000 });
		// Nothing at 360 px is wider than the screen.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		// What the home page asked and was told, printed if the section never shows (it did not,
		// now and then, in CI; locally it always has).
		const asked = recordAnswers(page);
		await page.goto('/');
		const mine = page.getByTestId('my-mandatory-training');
		await mine.waitFor({ timeout: 45_000 }).catch((e: Error) => whyHidden(page, asked, e));
		await expect(mine.innerText()).resolves.toContain(`ای میل والے افسران ${run}`);
		await expect(
			mine.locator('li').filter({ hasText: run }).locator('.status').first().innerText()
		).resolves.toBe(statusText('not_started'));
		await context.close();
	});
});
