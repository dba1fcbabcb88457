// Messages between the page and the sandbox's network worker.

export type NetRequest =
	| {
			kind: 'fetch';
			id: number;
			url: string;
			method: string;
			headers: [string, string][];
			body?: string | ArrayBuffer;
	  }
	| { kind: 'abort'; id: number };

export type NetAnswer =
	| {
			kind: 'response';
			id: number;
			type: ResponseType;
			status: number;
			statusText: string;
			headers: [string, string][];
			body: ArrayBuffer;
	  }
	| { kind: 'error'; id: number; message: string };
