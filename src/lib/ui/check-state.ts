/** The outcome of a "Test" button: running, a success line, or an error with what to do. */
export type CheckState =
	| { kind: 'idle' }
	| { kind: 'running' }
	| { kind: 'ok'; message: string }
	| { kind: 'error'; code: string; message: string; hint: string };
