// `https://user:token@host/…` (or `https://token@host/…`, which GitHub accepts) puts a
// credential in a URL. Links never carry one: the builder strips it, the validator rejects it.
// The pattern is anchored and has one unbounded run, so it is linear on untrusted input.
const userinfo = /^(https?:\/\/)[^/?#]*@/i;

export function hasCredentials(url: string): boolean {
	return userinfo.test(url);
}

export function stripCredentials(url: string): string {
	return url.replace(userinfo, '$1');
}
