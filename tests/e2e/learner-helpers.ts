import type { Page } from 'playwright-core';
import { inject } from 'vitest';

/** Shared steps of the learner journeys: a lesson offline, the outbox, the server's copy. */

export interface DeviceEvent {
	id: string;
	type: string;
	owner: string;
	sync: number;
	course_id?: string;
	lesson_id?: string;
}

/** Every event in this browser's Dexie `events` table, read straight from IndexedDB. */
export function deviceEvents(page: Page): Promise<DeviceEvent[]> {
	return page.evaluate(
		() =>
			new Promise<DeviceEvent[]>((resolve, reject) => {
				const open = indexedDB.open('seekh');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('events').objectStore('events').getAll();
					all.onsuccess = () => resolve(all.result as DeviceEvent[]);
				};
			})
	);
}

/** One value from Dexie `meta`, or undefined. */
export function deviceMeta(page: Page, key: string): Promise<unknown> {
	return page.evaluate(
		(k) =>
			new Promise<unknown>((resolve, reject) => {
				const open = indexedDB.open('seekh');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get(k);
					get.onsuccess = () => resolve((get.result as { value?: unknown } | undefined)?.value);
				};
			}),
		key
	);
}

/** The signed-in user id from the session supabase-js keeps (`seekh-auth`). */
export async function sessionUserId(page: Page): Promise<string> {
	const raw = await page.evaluate(() => localStorage.getItem('seekh-auth'));
	const id = (JSON.parse(raw ?? '{}') as { user?: { id?: string } }).user?.id;
	if (!id) throw new Error('no session stored');
	return id;
}

/** What the real PostgREST holds for a learner, read with the service key. */
export async function serverEvents(owner: string): Promise<{ id: string; type: string }[]> {
	const { url, serviceKey } = inject('backend');
	const response = await fetch(`${url}/rest/v1/learner_events?owner=eq.${owner}&select=id,type&order=seq`, {
		headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` }
	});
	if (!response.ok) throw new Error(`learner_events: ${response.status} ${await response.text()}`);
	return (await response.json()) as { id: string; type: string }[];
}

/** A fresh address per run, so reruns against a kept stack never collide. */
export function newEmail(label: string): string {
	return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.pk`;
}

/** Fills the email form on /account and presses sign-in or create-account (by its label). */
export async function submitEmailForm(page: Page, email: string, password: string, button: string) {
	await page.locator('#account-email').fill(email);
	await page.locator('#account-password').fill(password);
	await page.getByRole('button', { name: button, exact: true }).click();
}

/** Waits for the header's sync status to be in `phase` (data-phase) and to start with `text`. */
export async function waitForSyncStatus(page: Page, phase: string, text: string, timeout = 60_000) {
	await page.waitForFunction(
		([p, words]) => {
			const status = document.querySelector('[data-testid=sync-status]');
			return (
				status?.getAttribute('data-phase') === p && status.textContent?.trim().startsWith(words) === true
			);
		},
		[phase, text] as const,
		{ timeout }
	);
}

/**
 * In an Urdu lesson page: answers every quiz question with its first option, then marks the
 * lesson complete. Returns how many questions the quiz had.
 */
export async function completeLessonWithQuizUrdu(page: Page): Promise<number> {
	const questions = await page.locator('.quiz legend .position').innerText();
	const total = Number(
		/(\d+)/.exec(questions.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))))?.[1]
	);
	if (!(total > 0)) throw new Error(`no quiz questions found in "${questions}"`);
	for (let i = 0; i < total; i++) {
		await page.locator('.quiz fieldset input').first().check();
		await page.getByRole('button', { name: 'میرا جواب جانچیں' }).click();
		await page
			.locator('.quiz [role="status"]')
			.filter({ hasText: /صحیح جواب|یہ جواب درست نہیں/ })
			.waitFor();
		await page.locator('.quiz button.primary').click();
	}
	await page.locator('.quiz .score').waitFor();
	await page.getByRole('button', { name: 'میں نے یہ سبق مکمل کر لیا' }).click();
	await page.locator('.completion .done').first().waitFor();
	return total;
}
