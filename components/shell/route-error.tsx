'use client';

export interface RouteErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * What every route shows when it failed to render (or its code could not load, e.g. the server
 * restarted while a chunk was on its way): what failed, why, a retry and a full reload. What the
 * page shows stays in its URL, so a reload comes back to the same view.
 */
export function RouteError({ error, reset, title, extra }: RouteErrorProps & { title: string; extra?: React.ReactNode }) {
  return (
    <div className="error-box" role="alert">
      <h1>{title}</h1>
      <p>{error.message || 'The page failed to render.'}</p>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <button onClick={reset}>Try again</button>
        <button onClick={() => window.location.reload()}>Reload the page</button>
        {extra}
      </div>
    </div>
  );
}
