import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'FleetPulse — live logistics dashboard',
  description: 'Live fleet, orders, ETAs and supply/demand per zone',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <span className="brand">FleetPulse</span>
          <span className="tagline">live logistics</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
