'use client';

import { RouteError, type RouteErrorProps } from '../components/shell/route-error';

export default function ErrorPage(props: RouteErrorProps) {
  return <RouteError {...props} title="Something went wrong" />;
}
