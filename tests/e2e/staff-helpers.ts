import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { chooseLanguage } from './browser';
import { newEmail, submitEmailForm } from './learner-helpers';

/**
 * Accounts and roles for the staff e2e suites, made through the real backend: sign-up through
 * the auth API (as the app does), roles through the same RPC an operator uses. One copy here,
 * so every staff suite signs people up and in the same way.
 */
export interface Account {
	id: string;
	email: string;
	client: SupabaseClient;
}

export async function newAccount(label: string, password: string): Promise<Account> {
	const { url, anonKey } = inject('backend');
	const client = createClient(url, anonKey, {
		auth: { persistSession: false },
		realtime: { transport: WebSocket as never }
	});
	const email = newEmail(label);
	const { data, error } = await client.auth.signUp({ email, password });
	if (error || !data.user) throw new Error(`sign-up: ${error?.message}`);
	return { id: data.user.id, email, client };
}

/** POSTs to PostgREST as the service role (operator set-up, never what a page does). */
export async function asOperator(path: string, body: unknown): Promise<unknown> {
	const { url, serviceKey } = inject('backend');
	const response = await fetch(`${url}/rest/v1/${path}`, {
		method: 'POST',
		headers: {
			apikey: serviceKey,
			authorization: `Bearer ${serviceKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	const text = await response.text();
	return text ? (JSON.parse(text) as unknown) : null;
}

export async function grantRole(email: string, orgCode: string, role: string): Promise<void> {
	await asOperator('rpc/grant_org_role_by_email', { email, org_code: orgCode, role });
}

/** Signs in through the app's own form, in Urdu. */
export async function signInUrdu(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/');
	await chooseLanguage(page, 'ur');
	await page.goto('/account');
	await submitEmailForm(page, email, password, 'سائن ان کریں');
	await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
}

/**
 * Opens the header's menu and waits for the staff roles it asks for: the menu's entries (the
 * Staff link among them) are drawn the first time it opens, not with the page (issue 17).
 */
export async function openMenuWithRoles(page: Page): Promise<void> {
	const roles = page.waitForResponse((r) => r.url().endsWith('/api/staff/roles'));
	await page.getByTestId('menu-button').click();
	await roles;
}

export const noSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
