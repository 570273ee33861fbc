/**
 * The evaluations this worker is running, by submission, so that a cancellation heard on NOTIFY makes them check
 * their unit at once instead of at their next heartbeat. The notice only wakes the check: the database decides.
 */
export type CancellationNotices = {
  /** Calls `onNotice` whenever the submission's cancellation is announced; returns the function that stops it. */
  watch(submissionId: string, onNotice: () => void): () => void;
  notice(submissionId: string): void;
};

export function createCancellationNotices(): CancellationNotices {
  const watchers = new Map<string, Set<() => void>>();
  return {
    watch(submissionId, onNotice) {
      const set = watchers.get(submissionId) ?? new Set();
      set.add(onNotice);
      watchers.set(submissionId, set);
      return () => {
        set.delete(onNotice);
        if (set.size === 0) watchers.delete(submissionId);
      };
    },
    notice(submissionId) {
      for (const onNotice of watchers.get(submissionId) ?? []) onNotice();
    },
  };
}
