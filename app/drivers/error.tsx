'use client';

import { RouteError, type RouteErrorProps } from '../../components/shell/route-error';

export default function DriversError(props: RouteErrorProps) {
  return <RouteError {...props} title="The drivers table failed" />;
}
