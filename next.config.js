// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ owns /api/*, /healthz and /metrics; Next renders the pages.
};

export default nextConfig;
