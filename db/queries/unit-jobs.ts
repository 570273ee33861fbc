import { sql } from "drizzle-orm";
import type { Db } from "../client";

type Runner = Pick<Db, "execute">;

/** An evaluate-unit job as pg-boss stores it (pg-boss's `pgboss.job` table), with what a retry must keep. */
export type UnitJobRow = {
  id: string;
  name: string;
  data: unknown;
  state: string;
  priority: number;
  expireInSeconds: number;
  retryCount: number;
  retryLimit: number;
};

const JOB_COLUMNS = sql`j.id::text as id, j.name, j.data, j.state::text as state, j.priority,
  extract(epoch from j.expire_in)::int as "expireInSeconds",
  j.retry_count as "retryCount", j.retry_limit as "retryLimit"`;

/** A text[] literal; empty lists included. */
const list = (values: string[]) =>
  values.length
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`array[]::text[]`;

/** Key of the transaction-scoped advisory lock that makes claims one at a time, so each sees the last one's effect. */
const CLAIM_LOCK = 7_315_520_113;

export type ClaimFilter = {
  /** Every evaluate-unit queue: compute in flight is counted over all of them, whoever's worker runs it. */
  allQueues: string[];
  /** The queues this worker takes jobs from. */
  queues: string[];
  /** Jobs of these benchmarks (slugs) only; null: any benchmark. */
  benchmarks: string[] | null;
  /** Jobs of at least this priority only; null: any priority. */
  minPriority: number | null;
  /** The queue of jobs sent before queues were named, and the tracks whose jobs this worker takes from it. */
  legacy: { queue: string; tracks: string[] } | null;
  /** How far back finished attempts count as a team's recent use. */
  recentSeconds: number;
};

/**
 * Claims the next job fairly and marks it active, as pg-boss's own fetch does (state, started_on, and retry_count
 * counted up on a retry), so pg-boss's expiry, retry and completion work on it unchanged. Among the waiting jobs of
 * the highest priority, it takes the one whose team (or solo user) has the fewest jobs active now, then the least
 * compute used (seconds of active jobs so far plus attempts finished within `recentSeconds`), then the oldest.
 * Claims run one at a time under an advisory lock, so two workers never both count a team as idle.
 */
export async function claimFairJob(db: Pick<Db, "transaction">, filter: ClaimFilter): Promise<UnitJobRow | undefined> {
  const benchmarkFilter = filter.benchmarks ? sql`and b.slug = any(${list(filter.benchmarks)})` : sql``;
  const priorityFilter = filter.minPriority === null ? sql`` : sql`and j.priority >= ${filter.minPriority}`;
  const legacy = filter.legacy
    ? sql`or (j.name = ${filter.legacy.queue} and b.track::text = any(${list(filter.legacy.tracks)}))`
    : sql``;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
    const rows = await tx.execute<UnitJobRow>(sql`
      with active as (
        select coalesce(s.team_id, s.user_id) as team, count(*) as jobs,
          sum(extract(epoch from now() - j.started_on)) as seconds
        from pgboss.job j join submissions s on s.id = j.data->>'submissionId'
        where j.name = any(${list(filter.allQueues)}) and j.state = 'active'
        group by 1
      ), recent as (
        select coalesce(s.team_id, s.user_id) as team, sum(extract(epoch from a.finished_at - a.started_at)) as seconds
        from evaluation_attempts a join submissions s on s.id = a.submission_id
        where a.finished_at > now() - make_interval(secs => ${filter.recentSeconds})
        group by 1
      ), pick as (
        select j.name, j.id
        from pgboss.job j
        join submissions s on s.id = j.data->>'submissionId'
        join benchmarks b on b.id = s.benchmark_id
        left join active on active.team = coalesce(s.team_id, s.user_id)
        left join recent on recent.team = coalesce(s.team_id, s.user_id)
        where (j.name = any(${list(filter.queues)}) ${legacy})
          and j.state < 'active' and j.start_after < now() ${benchmarkFilter} ${priorityFilter}
        order by j.priority desc, coalesce(active.jobs, 0), coalesce(active.seconds, 0) + coalesce(recent.seconds, 0),
          j.created_on, j.id
        limit 1
        for update of j skip locked
      )
      update pgboss.job j set
        state = 'active',
        started_on = now(),
        retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
      from pick
      where j.name = pick.name and j.id = pick.id and j.state < 'active'
      returning ${JOB_COLUMNS}`);
    return [...rows][0];
  });
}

/** One job by id, whichever queue holds it, or pg-boss's archive of settled jobs once it has moved there. */
export async function findJob(db: Runner, id: string): Promise<UnitJobRow | undefined> {
  const rows = await db.execute<UnitJobRow>(sql`
    select ${JOB_COLUMNS} from pgboss.job j where j.id::text = ${id}
    union all select ${JOB_COLUMNS} from pgboss.archive j where j.id::text = ${id}
    limit 1`);
  return [...rows][0];
}

/**
 * The jobs (name and id) still waiting to evaluate these units: created or up for retry, not yet picked up. Each
 * job's payload carries its unit id.
 */
export async function findWaitingJobsOfUnits(
  db: Runner,
  queues: string[],
  unitIds: string[],
): Promise<{ name: string; id: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.execute<{ name: string; id: string }>(sql`
    select j.name, j.id::text as id from pgboss.job j
    where j.name = any(${list(queues)}) and j.state in ('created', 'retry')
      and j.data->>'unitId' = any(${list(unitIds)})`);
  return [...rows];
}

/**
 * Lowers to `priority` the jobs still waiting (created or up for retry) for the baseline submissions of a benchmark,
 * never raising one; returns how many changed. For baselines queued at a higher priority before their board moved to
 * the background.
 */
export async function lowerWaitingBaselineJobs(
  db: Runner,
  input: { queues: string[]; benchmarkId: string; priority: number },
): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    update pgboss.job j set priority = ${input.priority}
    from submissions s
    where s.id = j.data->>'submissionId' and s.benchmark_id = ${input.benchmarkId} and s.is_baseline
      and j.name = any(${list(input.queues)}) and j.state in ('created', 'retry') and j.priority > ${input.priority}
    returning j.id::text as id`);
  return [...rows].length;
}
