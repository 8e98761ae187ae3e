'use client';

/** The replay page failed to render: say so, and offer a retry and a full reload (the day stays in the URL). */
export default function ReplayError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error-box" role="alert">
      <h1>The replay failed</h1>
      <p>{error.message || 'The replay page failed to render.'}</p>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button onClick={reset}>Try again</button>
        <button onClick={() => window.location.reload()}>Reload the page</button>
      </div>
    </div>
  );
}
