// Where the transport may send a request, the key with it: the credential's own Base URL origin, or
// UniTalk's hosts over https. Hosts are compared as the URL parser reads them, so an address written
// as 2130706433 or 0x7f.1 is 127.0.0.1; an IP literal is never a UniTalk host name, so loopback,
// private and link-local addresses only pass when they are the Base URL's own host and port.

/** UniTalk's own hosts (the reference's recording links are https://api.unitalk.cloud:8443/…). */
const UNITALK_HOST = /(^|\.)unitalk\.cloud$/;
const UNITALK_PORTS = ['', '443', '8443'];

/** Why a request to `url` is refused, or undefined when it may go (with the key). */
export function refusalOf(url: string, baseUrl: string): string | undefined {
	if (!URL.canParse(url)) return `"${url}" is not a link`;
	const target = new URL(url);
	if (target.protocol !== 'http:' && target.protocol !== 'https:')
		return `only http and https links are fetched, not ${target.protocol}`;
	if (target.username || target.password)
		return 'links with a user name or password are not fetched';
	const base = new URL(baseUrl);
	if (target.origin === base.origin) return undefined;
	if (
		target.protocol === 'https:' &&
		UNITALK_HOST.test(target.hostname) &&
		UNITALK_PORTS.includes(target.port)
	)
		return undefined;
	const what = isLocalAddress(target.hostname) ? 'a local or private address' : 'another host';
	return `${target.origin} is ${what}, neither the credential's Base URL (${base.origin}) nor a UniTalk host (https://*.unitalk.cloud)`;
}

/** Loopback, private, link-local and unspecified addresses, and localhost names (for the reason). */
function isLocalAddress(hostname: string): boolean {
	if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
	const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(hostname);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b < 128) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b < 32) ||
			(a === 192 && b === 168)
		);
	}
	return /^\[(::1?|f[cd][0-9a-f]*:.*|fe[89ab][0-9a-f]*:.*|::ffff:.*)\]$/i.test(hostname);
}
