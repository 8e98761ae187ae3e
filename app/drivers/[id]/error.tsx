'use client';

import Link from 'next/link';
import { RouteError, type RouteErrorProps } from '../../../components/shell/route-error';

export default function DriverError(props: RouteErrorProps) {
  return <RouteError {...props} title="This driver’s page failed" extra={<Link href="/drivers">All drivers</Link>} />;
}
