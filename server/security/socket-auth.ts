import type { Namespace, Server, Socket } from 'socket.io';
import type { ViewerAuth } from './viewer-auth';

/** Namespaces with their own credentials (producers use INGEST_TOKEN on /ingest). */
export const OWN_AUTH_NAMESPACES = new Set(['/ingest']);

/**
 * Engine.IO connections whose handshake request carried a valid session cookie. Recorded when the
 * connection opens, because the request itself is dropped right after (memory per connection).
 */
const cookieSessions = new WeakSet<object>();

/** Call from the engine's `connection` event, while `request` is still there. */
export function noteHandshakeCookie(viewer: ViewerAuth, engineSocket: object, cookieHeader: string | undefined): void {
  if (viewer.required && viewer.cookieValid(cookieHeader)) cookieSessions.add(engineSocket);
}

export class ViewerSocketError extends Error {
  readonly data = { code: 'unauthorized' };
}

/** Namespace middleware: with VIEWER_TOKEN set, `auth: { token }` or the session cookie. */
export function viewerMiddleware(viewer: ViewerAuth) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    if (!viewer.required) return next();
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (viewer.tokenMatches(token) || cookieSessions.has(socket.conn)) return next();
    next(new ViewerSocketError('unauthorized: auth.token is missing or not valid, and there is no session (sign in at /login); VIEWER_TOKEN is set'));
  };
}

/**
 * Puts the viewer check first on every namespace but those with their own credentials: the
 * default one (live), /replay and any created later (`new_namespace` fires inside `io.of()`,
 * before its caller can add middleware of its own).
 */
export function guardNamespaces(io: Server, viewer: ViewerAuth): void {
  if (!viewer.required) return;
  const mw = viewerMiddleware(viewer);
  const guard = (nsp: Namespace) => {
    if (!OWN_AUTH_NAMESPACES.has(nsp.name)) nsp.use(mw);
  };
  for (const nsp of io._nsps.values()) guard(nsp);
  io.on('new_namespace', guard);
}
