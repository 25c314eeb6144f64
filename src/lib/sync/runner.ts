import type { SeekhDatabase } from '$lib/db/db';
import { onEventRecorded } from '$lib/db/learner-events';
import { SyncError, type SyncBackend } from './backend';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { SyncEngine } from './engine';
import { asSingleRunner } from './single-runner';
import type { SyncPhase, SyncSnapshot } from './status-text';

/**
 * When sync runs: at start, on `online`, when the page becomes visible, shortly after new
 * events, on a slow timer, and after a failure with exponential backoff — so a failed push is
 * retried without waiting for the learner to do anything new.
 */
export interface RunnerOptions {
	onSnapshot?: (snapshot: SyncSnapshot) => void;
	onSettings?: (settings: Record<string, unknown>) => void;
	isOnline?: () => boolean;
	backoff?: BackoffOptions;
	/** Wait after a new event, so a burst of answers goes in one push. */
	debounceMs?: number;
	/** Background check even when nothing happens (pulls other devices' progress). */
	periodMs?: number;
}

export class SyncRunner {
	snapshot: SyncSnapshot = { phase: 'idle', pending: 0, lastSyncedAt: null, quarantined: 0 };
	private attempt = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private running: Promise<void> | null = null;
	private again = false;
	private stopped = false;

	constructor(
		private readonly db: SeekhDatabase,
		private readonly engine: SyncEngine,
		private readonly backend: SyncBackend,
		private readonly options: RunnerOptions = {}
	) {}

	/** Begins watching triggers; returns the clean-up. */
	start(): () => void {
		this.stopped = false;
		const cleanups: (() => void)[] = [onEventRecorded(() => this.kick(this.options.debounceMs ?? 2_000))];
		if (typeof window !== 'undefined') {
			const online = () => this.kick(0);
			const offline = () => void this.refresh('offline');
			const visible = () => document.visibilityState === 'visible' && this.kick(0);
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			document.addEventListener('visibilitychange', visible);
			cleanups.push(() => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
				document.removeEventListener('visibilitychange', visible);
			});
		}
		const period = setInterval(() => this.kick(0), this.options.periodMs ?? 5 * 60_000);
		cleanups.push(() => clearInterval(period));
		this.kick(0);
		return () => {
			this.stopped = true;
			clearTimeout(this.timer);
			for (const fn of cleanups) fn();
		};
	}

	/** Asks for a round after `delayMs` (an earlier request wins). */
	kick(delayMs = 0): void {
		if (this.stopped) return;
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.runNow(), delayMs);
	}

	/** Runs one round now (or right after the current one). Never throws. */
	async runNow(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = this.round().finally(() => {
			this.running = null;
			if (this.again && !this.stopped) {
				this.again = false;
				this.kick(0);
			}
		});
		return this.running;
	}

	private async round(): Promise<void> {
		const online = this.options.isOnline?.() ?? (typeof navigator === 'undefined' || navigator.onLine);
		if (!online) {
			await this.refresh('offline');
			return;
		}
		if (!(await this.backend.accountId().catch(() => null))) {
			await this.refresh('signed-out');
			return;
		}
		await this.refresh('syncing');
		try {
			const outcome = await asSingleRunner(() => this.engine.syncOnce());
			this.attempt = 0;
			if (outcome.ran) {
				const pending = await this.engine.pendingCount();
				if (pending === 0) await this.db.meta.put({ key: 'last_synced_at', value: Date.now() });
				const settings = await this.withoutNewerLocalChoices(outcome.value.settings);
				if (Object.keys(settings).length > 0) this.options.onSettings?.(settings);
			}
			await this.refresh('idle');
		} catch (error) {
			this.attempt++;
			const kind = error instanceof SyncError ? error.kind : 'retry';
			await this.refresh(kind === 'auth' ? 'signed-out' : 'retrying');
			if (kind !== 'auth') this.kick(backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF));
		}
	}

	/**
	 * The account's settings minus those chosen on this device since the round began: a choice
	 * still waiting to be pushed is newer than what the server sent, and must not be undone
	 * (seen: a language picked during a round flipped back until the next round).
	 */
	private async withoutNewerLocalChoices(
		settings: Record<string, unknown>
	): Promise<Record<string, unknown>> {
		if (Object.keys(settings).length === 0) return settings;
		const waiting = await this.db.events.where('sync').equals(0).toArray();
		const chosenHere = new Set(
			waiting
				.filter((e) => e.type === 'setting_changed')
				.map((e) => (e.payload as { key?: unknown } | undefined)?.key)
		);
		return Object.fromEntries(Object.entries(settings).filter(([key]) => !chosenHere.has(key)));
	}

	/** Recomputes the snapshot from Dexie and reports it. */
	async refresh(phase: SyncPhase = this.snapshot.phase): Promise<SyncSnapshot> {
		const [pending, quarantined, last] = await Promise.all([
			this.engine.pendingCount(),
			this.db.deadLetters.count(),
			this.db.meta.get('last_synced_at')
		]);
		this.snapshot = {
			phase,
			pending,
			quarantined,
			lastSyncedAt: typeof last?.value === 'number' ? last.value : null
		};
		this.options.onSnapshot?.(this.snapshot);
		return this.snapshot;
	}
}
