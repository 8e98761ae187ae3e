'use client';

import Link from 'next/link';

/** A driver's page failed to render: say so, offer a retry, a reload and the way back to the table. */
export default function DriverError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error-box" role="alert">
      <h1>This driver’s page failed</h1>
      <p>{error.message || 'The driver page failed to render.'}</p>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <button onClick={reset}>Try again</button>
        <button onClick={() => window.location.reload()}>Reload the page</button>
        <Link href="/drivers">All drivers</Link>
      </div>
    </div>
  );
}
