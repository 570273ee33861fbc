CREATE TABLE "benchmark_version_secrets" (
	"version_id" text PRIMARY KEY NOT NULL,
	"secrets" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benchmark_version_secrets" ADD CONSTRAINT "benchmark_version_secrets_version_id_benchmark_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."benchmark_versions"("id") ON DELETE cascade ON UPDATE no action;