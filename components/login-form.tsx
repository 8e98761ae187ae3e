'use client';

import { useEffect, useState } from 'react';
import styles from './login-form.module.css';

/** Only a path on this site (never `//host` or `/\host`) is a place to go after signing in. */
function localPath(next: string): string {
  return /^\/(?![/\\])/.test(next) && !/[\p{Cc}\\]/u.test(next) ? next : '/';
}

/**
 * The viewer sign-in form. A plain form POST (works before any script runs): the token travels in
 * the request body, never in a URL; the server answers with a redirect and an HttpOnly cookie.
 * A browser that already has a session (a link followed from another site arrives without its
 * SameSite=Strict cookie) is sent straight on.
 */
export function LoginForm({ next, failed }: { next: string; failed: boolean }) {
  const [required, setRequired] = useState<boolean | null>(null);
  const target = localPath(next);
  useEffect(() => {
    let stopped = false;
    fetch('/auth/session', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ required: boolean; authenticated: boolean }>) : null))
      .then((s) => {
        if (stopped || !s) return;
        if (s.required && s.authenticated) window.location.replace(target);
        else setRequired(s.required);
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [target]);

  return (
    <section className={styles.card} aria-label="Sign in">
      <h1>Sign in</h1>
      {required === false ? (
        <p data-testid="login-not-required">
          This server does not require a viewer token. <a href={target}>Continue to the dashboard</a>.
        </p>
      ) : (
        <p>Enter the viewer token you were given.</p>
      )}
      <form method="post" action="/auth/login">
        <input type="hidden" name="next" value={target} />
        <label className={styles.field}>
          Viewer token
          <input name="token" type="password" autoComplete="current-password" required autoFocus data-testid="login-token" />
        </label>
        {failed && (
          <p className={styles.error} role="alert" data-testid="login-error">
            That token is not valid.
          </p>
        )}
        <button type="submit" className={styles.submit} data-testid="login-submit">
          Sign in
        </button>
      </form>
    </section>
  );
}
