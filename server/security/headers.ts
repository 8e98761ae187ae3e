import type { IncomingMessage } from 'node:http';

export interface HeaderOptions {
  /** map tile URL template (TILE_URL); images from its host are allowed */
  tileUrl: string;
  /** `next dev`: its React refresh needs eval */
  dev: boolean;
}

/**
 * The CSP source for the tile server of a Leaflet URL template: `https://{s}.tile.openstreetmap.org/
 * {z}/{x}/{y}.png` gives `https://*.tile.openstreetmap.org`. Null for a path on this host ('self'
 * covers it). A placeholder anywhere but the first label of the host cannot be expressed in CSP:
 * then any host of that scheme is allowed.
 */
export function tileImgSource(tileUrl: string): string | null {
  if (tileUrl.startsWith('/') && !tileUrl.startsWith('//')) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const hostPort = m[2];
  if (!hostPort.includes('{')) return `${scheme}://${hostPort.toLowerCase()}`;
  const [first, ...rest] = hostPort.split('.');
  if (rest.length >= 2 && first.includes('{') && !rest.join('.').includes('{')) return `${scheme}://*.${rest.join('.').toLowerCase()}`;
  return `${scheme}:`;
}

/** A Host header we are willing to echo into connect-src (anything else gets 'self' only). */
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Is this request over HTTPS (directly, or as a TLS-terminating proxy says)? */
export function isHttps(req: IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** The Content-Security-Policy of a page served to `host`. */
export function contentSecurityPolicy(opts: HeaderOptions, host: string | undefined): string {
  const tiles = tileImgSource(opts.tileUrl);
  // Socket.IO on this same host; CSP3 browsers match ws(s) with 'self' too, older ones need it named.
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    // Next's App Router bootstraps with inline scripts; a nonce would force every page to render
    // dynamically, so inline scripts are allowed (no third-party script source is).
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Headers for every response of the custom server (pages, APIs, redirects): a CSP, no sniffing,
 * no referrer (nothing in a URL leaks elsewhere), no framing, no powerful features, an isolated
 * browsing context, and HSTS when the request came over HTTPS.
 */
export function securityHeaders(opts: HeaderOptions): (req: IncomingMessage) => Record<string, string> {
  const fixed: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // The policy depends only on the Host header, which is the same on nearly every request: the
  // last few are kept instead of building the policy again for each (ingest requests come by the
  // hundred a second).
  const policies = new Map<string | undefined, string>();
  const policyFor = (host: string | undefined) => {
    let csp = policies.get(host);
    if (csp === undefined) {
      if (policies.size >= 16) policies.clear();
      policies.set(host, (csp = contentSecurityPolicy(opts, host)));
    }
    return csp;
  };
  return (req) => {
    const h: Record<string, string> = { 'Content-Security-Policy': policyFor(req.headers.host), ...fixed };
    if (isHttps(req)) h['Strict-Transport-Security'] = 'max-age=15552000';
    return h;
  };
}
