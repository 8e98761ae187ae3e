import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries a signed viewer session (never the token itself). */
export const SESSION_COOKIE = 'fleetpulse_session';

/**
 * Equal secrets, in time that depends on neither secret: both sides are hashed to 32 bytes first,
 * so not even the expected length leaks.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Signs and checks viewer sessions: `v1.<expiresMs>.<nonce>.<hmac>`, an HMAC-SHA256 over the rest.
 * The key is derived from VIEWER_TOKEN (and SESSION_SECRET when set), so changing either one
 * ends every session; every process of a Redis-mode deployment with the same settings accepts
 * the sessions of the others.
 */
export class SessionSigner {
  private readonly key: Buffer;

  constructor(
    viewerToken: string,
    secret: string | null,
    readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = createHmac('sha256', secret ?? viewerToken).update(`fleetpulse viewer session v1\0${viewerToken}`).digest();
  }

  issue(): string {
    const body = `v1.${this.now() + this.ttlMs}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  verify(value: string | undefined | null): boolean {
    if (!value || value.length > 200) return false;
    const m = /^(v1\.(\d{1,16})\.[A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) return false;
    const mac = Buffer.from(m[3], 'base64url');
    const expected = Buffer.from(this.sign(m[1]), 'base64url');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return false;
    return Number(m[2]) > this.now();
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** One cookie's value from a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let v = part.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    try {
      return decodeURIComponent(v);
    } catch {
      return null;
    }
  }
  return null;
}

export interface CookieOptions {
  maxAgeSec: number;
  secure: boolean;
}

/** A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS. */
export function sessionCookie(value: string, { maxAgeSec, secure }: CookieOptions): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
