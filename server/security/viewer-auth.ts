import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config';
import { bearerToken } from '../http/auth';
import { SESSION_COOKIE, SessionSigner, cookieValue, secretsEqual } from './session';

/**
 * Who may look at the dashboard: with VIEWER_TOKEN set, a request needs the token as a bearer
 * (API clients) or a session cookie issued by POST /auth/login (browsers); sockets need the token
 * in `auth: { token }` or the cookie on the handshake. Without VIEWER_TOKEN everyone may.
 * Tokens are read from headers, bodies and socket auth only, never from URLs.
 */
export class ViewerAuth {
  readonly required: boolean;
  readonly sessions: SessionSigner | null;
  private readonly token: string | null;

  constructor(cfg: Pick<ServerConfig, 'viewerToken' | 'sessionSecret' | 'sessionTtlMs'>, now?: () => number) {
    this.token = cfg.viewerToken;
    this.required = cfg.viewerToken !== null;
    this.sessions = cfg.viewerToken ? new SessionSigner(cfg.viewerToken, cfg.sessionSecret, cfg.sessionTtlMs, now) : null;
  }

  /** Is `given` the viewer token? (constant time) */
  tokenMatches(given: unknown): boolean {
    return this.token !== null && typeof given === 'string' && secretsEqual(given, this.token);
  }

  /** Does this Cookie header carry a valid session? */
  cookieValid(header: string | undefined): boolean {
    return this.sessions !== null && this.sessions.verify(cookieValue(header, SESSION_COOKIE));
  }

  /** May this HTTP request read? True whenever no token is required. */
  allows(req: IncomingMessage): boolean {
    if (!this.required) return true;
    const bearer = bearerToken(req);
    if (bearer !== null) return this.tokenMatches(bearer);
    return this.cookieValid(req.headers.cookie);
  }
}
