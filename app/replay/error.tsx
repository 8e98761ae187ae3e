'use client';

import { RouteError, type RouteErrorProps } from '../../components/shell/route-error';

export default function ReplayError(props: RouteErrorProps) {
  return <RouteError {...props} title="The replay failed" />;
}
