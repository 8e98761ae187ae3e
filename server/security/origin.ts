/**
 * Is a browser request from `origin` allowed? Same origin (the Origin's host is the Host header)
 * by default, else exactly the ALLOWED_ORIGINS list. No Origin header: not a browser, allowed here
 * and subject to tokens only. Cross-site WebSocket hijacking and login CSRF are refused this way.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[] | null): boolean {
  if (!origin) return true;
  if (allowed) return allowed.includes(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
