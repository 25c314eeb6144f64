/** Whether the browser believes it is online; follows the `online`/`offline` events. */
class NetworkState {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	/** Call once from the root layout; returns the clean-up. */
	watch(): () => void {
		const update = () => (this.online = navigator.onLine);
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		update();
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	}
}

export const network = new NetworkState();
