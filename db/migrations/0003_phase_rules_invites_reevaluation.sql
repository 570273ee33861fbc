CREATE TABLE "benchmark_invites" (
	"benchmark_id" text NOT NULL,
	"email" text NOT NULL,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_invites_benchmark_id_email_pk" PRIMARY KEY("benchmark_id","email")
);
--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "quota_concurrent" integer;--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "team_size_limit" integer;--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "user_failures_per_day" integer;--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "final_selection_limit" integer;--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "frozen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "selected_for_final" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "reevaluation_of" text;--> statement-breakpoint
ALTER TABLE "benchmark_invites" ADD CONSTRAINT "benchmark_invites_benchmark_id_benchmarks_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."benchmarks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_invites" ADD CONSTRAINT "benchmark_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_reevaluation_of_submissions_id_fk" FOREIGN KEY ("reevaluation_of") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;