// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` checks the whole tree (server and tests included); the build need not.
  typescript: { ignoreBuildErrors: true },
  // The custom server in server/ owns /api/*, /healthz and /metrics; Next renders the pages.
};

export default nextConfig;
