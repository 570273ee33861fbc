import path from "node:path";
import { z } from "zod";
import { DEFAULT_BUNDLE_LIMITS } from "@/evaluator/bundle/limits";

/**
 * Every setting Heldout reads from the environment, parsed once.
 * `process.env` is read here and nowhere else.
 */
const envSchema = z.object({
  HELDOUT_HOME: z.string().default(".heldout"),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("127.0.0.1"),
  /** Public URL of the site (next-auth callbacks, links printed by the CLI). */
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  /** GitHub's site and API (a GitHub Enterprise Server: https://ghe.example.org and https://ghe.example.org/api/v3). */
  GITHUB_URL: z.string().url().default("https://github.com"),
  GITHUB_API_URL: z.string().url().default("https://api.github.com"),
  /** CLI: which server and token `heldout submit` talks to. */
  HELDOUT_URL: z.string().url().optional(),
  HELDOUT_TOKEN: z.string().optional(),
  /** Shared storage for bundles; defaults under HELDOUT_HOME. */
  HELDOUT_STORAGE: z.string().optional(),
  /** Dataset store readable by every worker; defaults under HELDOUT_HOME. */
  HELDOUT_DATASETS: z.string().optional(),
  /** Force a TF.js backend for evaluations: auto picks the fastest available. */
  HELDOUT_BACKEND: z.enum(["auto", "tensorflow", "wasm", "cpu"]).default("auto"),
  /** Unprivileged uid/gid the sandbox runs as when the worker is root. */
  HELDOUT_SANDBOX_UID: z.coerce.number().int().min(1).default(65534),
  HELDOUT_SANDBOX_GID: z.coerce.number().int().min(1).default(65534),
  /** Jobs one worker process runs at once (`heldout worker`: 1 unless set; `heldout start` sizes it to the machine). */
  HELDOUT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Seconds without a heartbeat after which a running job is considered lost. */
  HELDOUT_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).default(60),
  HELDOUT_MAX_BUNDLE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_BUNDLE_LIMITS.maxArchiveBytes),
  /** Python interpreter of the project virtualenv (environment bridge). */
  HELDOUT_PYTHON: z.string().optional(),
  /** Any value: the embedded PostgreSQL's log lines go to stderr too. */
  HELDOUT_PG_DEBUG: z.string().optional(),
  /** Outgoing mail, e.g. smtps://user:pass@mail.example.org:465; unset: mail goes to the outbox under HELDOUT_HOME. */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:$/.test(new URL(u).protocol), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Heldout <heldout@localhost>"),
  /** false: accounts made by sign-up count as verified at once (closed installs whose operator vets every sign-up). */
  HELDOUT_REQUIRE_EMAIL_VERIFICATION: z.enum(["true", "false"]).default("true"),
  /** Multiplies every sign-in, sign-up and reset limit (a test platform signs up many accounts from one address). */
  HELDOUT_RATE_LIMIT_FACTOR: z.coerce.number().int().min(1).max(10_000).default(1),
  /** `next dev` sets development; its eval-based source maps need a looser CSP. */
  NODE_ENV: z.string().optional(),
});

export type Config = {
  home: string;
  databaseUrl: string | undefined;
  port: number;
  hostname: string;
  siteUrl: string | undefined;
  authSecret: string | undefined;
  github: { id: string; secret: string; url: string; apiUrl: string } | undefined;
  client: { url: string | undefined; token: string | undefined };
  storageDir: string;
  datasetsDir: string;
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  sandbox: { uid: number; gid: number };
  worker: { concurrency: number | undefined; jobExpireSeconds: number };
  limits: { maxBundleBytes: number };
  python: string;
  postgresLog: boolean;
  dev: boolean;
  mail: { smtpUrl: string | undefined; from: string; outboxDir: string };
  accounts: { requireEmailVerification: boolean; rateLimitFactor: number };
};

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const home = path.resolve(e.HELDOUT_HOME);
  return {
    home,
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    hostname: e.HOSTNAME,
    siteUrl: e.NEXTAUTH_URL,
    authSecret: e.NEXTAUTH_SECRET,
    github:
      e.GITHUB_ID && e.GITHUB_SECRET
        ? {
            id: e.GITHUB_ID,
            secret: e.GITHUB_SECRET,
            url: e.GITHUB_URL.replace(/\/+$/, ""),
            apiUrl: e.GITHUB_API_URL.replace(/\/+$/, ""),
          }
        : undefined,
    client: { url: e.HELDOUT_URL, token: e.HELDOUT_TOKEN },
    storageDir: path.resolve(e.HELDOUT_STORAGE ?? path.join(home, "storage")),
    datasetsDir: path.resolve(e.HELDOUT_DATASETS ?? path.join(home, "datasets")),
    backend: e.HELDOUT_BACKEND,
    sandbox: { uid: e.HELDOUT_SANDBOX_UID, gid: e.HELDOUT_SANDBOX_GID },
    worker: { concurrency: e.HELDOUT_WORKER_CONCURRENCY, jobExpireSeconds: e.HELDOUT_JOB_EXPIRE_SECONDS },
    limits: { maxBundleBytes: e.HELDOUT_MAX_BUNDLE_BYTES },
    python: e.HELDOUT_PYTHON ?? path.resolve(".venv/bin/python"),
    postgresLog: Boolean(e.HELDOUT_PG_DEBUG),
    dev: e.NODE_ENV === "development",
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: path.join(home, "outbox") },
    accounts: {
      requireEmailVerification: e.HELDOUT_REQUIRE_EMAIL_VERIFICATION === "true",
      rateLimitFactor: e.HELDOUT_RATE_LIMIT_FACTOR,
    },
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
