import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";
import { chooseForFinal, finalChoiceSchema } from "@/lib/submissions/choose-final";

/** `{selected: true|false}`: the entry's team chooses it for the final ranking, or takes the choice back. */
export const PUT = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    const { selected } = await readJson(req, finalChoiceSchema);
    return Response.json(await chooseForFinal({ db: getDatabase().db, user, submissionId: id, selected }));
  },
  { id: "submission" },
);
