// The WebContainer's running servers, for the Preview: a process that listens on a port makes
// the container emit `server-ready` (port and its preview URL); closing it emits `port` 'close'.
// The Preview shows the newest one in a frame.
import type { WebContainer } from '@webcontainer/api';

export type ServerPreview = { port: number; url: string };

/** What a container offers to watch: its `on` (the real one, or the tests' double). */
export type ServerEventSource = Pick<WebContainer, 'on'>;

/** Calls `onChange` with the servers ready now, newest last; returns the unsubscribe. */
export function watchServers(
	container: ServerEventSource,
	onChange: (servers: ServerPreview[]) => void
): () => void {
	let servers: ServerPreview[] = [];
	const set = (next: ServerPreview[]) => {
		servers = next;
		onChange(servers);
	};
	const offReady = container.on('server-ready', (port, url) =>
		set([...servers.filter((s) => s.port !== port), { port, url }])
	);
	const offPort = container.on('port', (port, type) => {
		if (type === 'close' && servers.some((s) => s.port === port))
			set(servers.filter((s) => s.port !== port));
	});
	return () => {
		offReady();
		offPort();
	};
}
