import type { Metadata } from 'next';
import { LoginForm } from '../../components/login-form';

export const metadata: Metadata = { title: 'Sign in — FleetPulse' };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Sign-in for viewers when the server runs with VIEWER_TOKEN. The form posts the token in the
 * body to POST /auth/login, which sets an HttpOnly session cookie and sends the browser on.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const next = typeof sp.next === 'string' ? sp.next : '/';
  return <LoginForm next={next} failed={sp.error === '1'} />;
}
