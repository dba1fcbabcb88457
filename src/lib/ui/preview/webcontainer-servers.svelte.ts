// The page's WebContainer servers (one container per page), for the Preview panel: watched from
// the moment a container boots for an attempt (ui/sandbox/create-sandbox.ts).
import { watchServers, type ServerEventSource, type ServerPreview } from '$lib/core/preview';

class WebContainerServers {
	servers = $state.raw<ServerPreview[]>([]);
	#watched = new WeakSet<ServerEventSource>();

	watch(container: ServerEventSource): void {
		if (this.#watched.has(container)) return;
		this.#watched.add(container);
		watchServers(container, (servers) => (this.servers = servers));
	}
}

export const webContainerServers = new WebContainerServers();
