/**
 * Whether a host is on the user's own machine or network rather than the internet: a loopback,
 * private, link-local, shared (CGNAT), unspecified, multicast or reserved address, in IPv4 or
 * IPv6 (IPv4-mapped, -compatible, NAT64 and 6to4 forms are judged by the IPv4 address they
 * carry), or a name that only a local resolver answers: `localhost` and `*.localhost`, names
 * under `.local`, `.internal` and `.home.arpa`, and single-label names (`http://router/`).
 *
 * `host` is a hostname as the URL parser leaves it (lowercase, IPv4 dotted, IPv6 bracketed) or
 * an address as a resolver returns it (`127.0.0.1`, `::1`, `fe80::1%eth0`).
 *
 * Self-contained on purpose, like `createNetworkRules`: the Node guard embeds its source text.
 */
export function isLocalHost(host: string): boolean {
	const text = String(host).toLowerCase().replace(/\.$/, '');

	function localIpv4(octets: number[]): boolean {
		const [a = 0, b = 0, c = 0] = octets;
		return (
			a === 0 || // "this network", 0.0.0.0
			a === 10 ||
			a === 127 ||
			(a === 100 && (b & 0xc0) === 64) || // 100.64.0.0/10, carrier-grade NAT
			(a === 169 && b === 254) ||
			(a === 172 && (b & 0xf0) === 16) ||
			(a === 192 && b === 168) ||
			(a === 192 && b === 0 && c === 0) || // IETF protocol assignments
			(a === 198 && (b & 0xfe) === 18) || // benchmarking
			a >= 224 // multicast, reserved, broadcast
		);
	}

	function ipv4(value: string): number[] | null {
		const parts = value.split('.');
		if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
		const octets = parts.map(Number);
		return octets.every((n) => n <= 255) ? octets : null;
	}

	/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
	function ipv6(value: string): number[] | null {
		let rest = value.replace(/%.*$/, ''); // a zone (fe80::1%eth0) does not change the address
		const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
		if (dotted) {
			// The last 32 bits written as IPv4 (::ffff:127.0.0.1): rewrite them as two groups.
			const v4 = ipv4(dotted[1]!);
			if (!v4) return null;
			const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
			rest = rest.slice(0, dotted.index + 1) + hex(v4[0]!, v4[1]!) + ':' + hex(v4[2]!, v4[3]!);
		}
		const halves = rest.split('::');
		if (halves.length > 2) return null;
		const groups = (part: string) => (part === '' ? [] : part.split(':'));
		const head = groups(halves[0]!);
		const back = halves.length === 2 ? groups(halves[1]!) : [];
		if (![...head, ...back].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
		const missing = 8 - head.length - back.length;
		if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
		const hex = (g: string) => parseInt(g, 16);
		return [...head.map(hex), ...new Array<number>(missing).fill(0), ...back.map(hex)];
	}

	function localIpv6(g: number[]): boolean {
		const embedded = (hi: number, lo: number) => localIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
		const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
		if (zeros(0, 5) && g[5] === 0xffff) return embedded(g[6]!, g[7]!); // ::ffff:a.b.c.d
		if (zeros(0, 6)) return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
		if (g[0] === 0x64 && g[1] === 0xff9b) return zeros(2, 6) ? embedded(g[6]!, g[7]!) : true;
		if (g[0] === 0x2002) return embedded(g[1]!, g[2]!); // 6to4
		const first = g[0]!;
		return (
			(first & 0xfe00) === 0xfc00 || // unique local, fc00::/7
			(first & 0xffc0) === 0xfe80 || // link-local, fe80::/10
			(first & 0xffc0) === 0xfec0 || // site-local (deprecated), fec0::/10
			(first & 0xff00) === 0xff00 // multicast
		);
	}

	const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
	if (bare.includes(':')) {
		const groups = ipv6(bare);
		// Not an address a connection could use: nothing to protect, and the rules refuse it anyway.
		return groups === null ? false : localIpv6(groups);
	}
	const octets = ipv4(bare);
	if (octets) return localIpv4(octets);
	if (!bare.includes('.')) return true; // a single label is resolved on the local network
	return /(?:^|\.)(?:localhost|local|internal|home\.arpa)$/.test(bare);
}
