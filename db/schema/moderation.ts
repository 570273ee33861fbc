import { index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { submissions } from "./submissions";

/** How an organizer has ruled on an entry: shown normally, hidden from every public view, or disqualified (listed, unranked). */
export const moderationStateEnum = pgEnum("moderation_state", ["visible", "hidden", "disqualified"]);

/**
 * The audit log of moderation: every ruling on an entry, with who made it, when and why. Append-only; an entry's
 * current state is its latest ruling (none: visible).
 */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    state: moderationStateEnum("state").notNull(),
    reason: text("reason").notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_actions_submission_idx").on(t.submissionId, t.createdAt)],
);
