'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Live' },
  { href: '/drivers', label: 'Drivers' },
  { href: '/replay', label: 'Replay' },
  { href: '/system', label: 'System' },
];

/** The top navigation; the current section is marked for the eye and for screen readers. */
export function Nav() {
  const path = usePathname();
  return (
    <nav className="nav" aria-label="Sections">
      {LINKS.map((l) => {
        const current = l.href === '/' ? path === '/' : path === l.href || path.startsWith(`${l.href}/`);
        return (
          <Link key={l.href} href={l.href} aria-current={current ? 'page' : undefined}>
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
