/** What the service worker told us: an update is waiting, or the app is ready offline. */
class UpdateState {
	needRefresh = $state(false);
	offlineReady = $state(false);
	/** Set by the registration: activates the waiting worker, then the page reloads. */
	applyUpdate: () => void = () => {};
}

export const updateState = new UpdateState();
