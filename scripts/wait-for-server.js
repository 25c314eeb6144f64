/** Waits until `url` answers 200 (a server the script has just started), for at most 20 s. */
export async function waitForServer(url) {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url} did not answer: the server did not start`);
}
