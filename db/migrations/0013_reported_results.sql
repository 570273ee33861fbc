CREATE TABLE "reported_results" (
	"id" text PRIMARY KEY NOT NULL,
	"benchmark_id" text NOT NULL,
	"shipped_key" text,
	"result" jsonb NOT NULL,
	"added_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	CONSTRAINT "reported_results_shipped_key" UNIQUE("benchmark_id","shipped_key")
);
--> statement-breakpoint
ALTER TABLE "reported_results" ADD CONSTRAINT "reported_results_benchmark_id_benchmarks_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."benchmarks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_results" ADD CONSTRAINT "reported_results_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_results" ADD CONSTRAINT "reported_results_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reported_results_benchmark_idx" ON "reported_results" USING btree ("benchmark_id","created_at");