// The local stack's stand-in for hosted Supabase's pg_cron job (docs/monitoring.md): refreshes
// the programme-monitoring summaries on a timer through PostgREST with the service key.
// A failed refresh is logged and tried again at the next tick; nothing depends on its timing.

/**
 * @param {{ restUrl: string, serviceKey: string, everyMs: number, log?: (line: string) => void }} options
 * @returns {() => Promise<void>} stop
 */
export function startSummariesTimer({ restUrl, serviceKey, everyMs, log = console.log }) {
	let running = Promise.resolve();
	const refresh = async () => {
		try {
			const response = await fetch(`${restUrl}/rpc/refresh_programme_summaries`, {
				method: 'POST',
				headers: {
					apikey: serviceKey,
					authorization: `Bearer ${serviceKey}`,
					'content-type': 'application/json'
				},
				body: '{}'
			});
			if (!response.ok) log(`[summaries] refresh failed: ${response.status} ${await response.text()}`);
		} catch (error) {
			log(`[summaries] refresh failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	};
	const timer = setInterval(() => {
		running = running.then(refresh);
	}, everyMs);
	timer.unref();
	// One at start, so a fresh stack's dashboards are not empty for the first interval.
	running = running.then(refresh);
	return async () => {
		clearInterval(timer);
		await running;
	};
}
