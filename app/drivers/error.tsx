'use client';

/** The drivers table failed to render: say so, and offer a retry and a full reload (the view stays in the URL). */
export default function DriversError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error-box" role="alert">
      <h1>The drivers table failed</h1>
      <p>{error.message || 'The drivers page failed to render.'}</p>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button onClick={reset}>Try again</button>
        <button onClick={() => window.location.reload()}>Reload the page</button>
      </div>
    </div>
  );
}
