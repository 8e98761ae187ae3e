'use client';

/**
 * A route that failed to render (or whose code could not load, e.g. the server restarted while a
 * chunk was on its way): say what happened and offer both a retry and a full reload.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error-box" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.message || 'The page failed to render.'}</p>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button onClick={reset}>Try again</button>
        <button onClick={() => window.location.reload()}>Reload the page</button>
      </div>
    </div>
  );
}
