'use client';

import { RouteError, type RouteErrorProps } from '../../components/shell/route-error';

export default function SystemError(props: RouteErrorProps) {
  return <RouteError {...props} title="The system page failed" />;
}
