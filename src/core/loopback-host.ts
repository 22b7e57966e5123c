const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Whether a host name (as given to --host, or the name part of a Host header) reaches this
 * machine only: `localhost`, `127.0.0.1` or `::1`. Case-insensitive; a trailing dot is ignored.
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.trim().toLowerCase().replace(/\.$/, ''));
}

/**
 * The name part of a Host header value (`example.com:3000` → `example.com`, `[::1]:3000` →
 * `[::1]`); the value itself when it has no port.
 */
export function hostName(hostHeader: string): string {
  const value = hostHeader.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end < 0 ? value : value.slice(0, end + 1);
  }
  const colon = value.indexOf(':');
  // more than one colon and no brackets: a bare IPv6 address without a port
  if (colon < 0 || value.indexOf(':', colon + 1) >= 0) return value;
  return value.slice(0, colon);
}
