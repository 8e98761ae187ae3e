import type { Metadata, Viewport } from 'next';
import { Nav } from '../components/shell/nav';
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
          <Nav />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
