import type { User } from "@/db/queries/users";
import { listBenchmarksOpenTo } from "./benchmark-view";
import { listTeamsForUser } from "./teams";

/** What the upload form offers a user: the benchmarks open to them and the teams they may submit for. */
export async function loadSubmitChoices(user: User) {
  const [benchmarks, teams] = await Promise.all([listBenchmarksOpenTo(user), listTeamsForUser(user.id)]);
  return { benchmarks, teams };
}
