import { bundlePath, expect, newAccount, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

test("every organizer action is refused to an anonymous caller (401) and to a participant (403)", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const participant = await browser.newPage();
  await signUp(participant, newAccount("not-organizer"));
  const id = await uploadThroughForm(participant, {
    benchmark: "glyphs-5way-1shot",
    file: bundlePath("random.tar.gz"),
    name: "mine",
  });
  // Even on their own entry a participant gets no moderation controls.
  await expect(participant.getByTestId("moderation-panel")).toHaveCount(0);

  const actions = [
    {
      method: "PATCH",
      url: "/api/benchmarks/glyphs-5way-1shot/phases/00000000-0000-4000-8000-000000000000",
      data: { quotaTotal: 1 },
    },
    { method: "GET", url: "/api/benchmarks/glyphs-5way-1shot/invites" },
    { method: "PATCH", url: "/api/benchmarks/glyphs-5way-1shot/invites", data: { visibility: "invite" } },
    { method: "GET", url: "/api/benchmarks/glyphs-5way-1shot/reevaluate" },
    { method: "POST", url: "/api/benchmarks/glyphs-5way-1shot/reevaluate" },
    { method: "GET", url: "/api/benchmarks/glyphs-5way-1shot/teams" },
    {
      method: "DELETE",
      url: "/api/benchmarks/glyphs-5way-1shot/teams/00000000-0000-4000-8000-000000000000/members/00000000-0000-4000-8000-000000000000",
    },
    { method: "POST", url: "/api/organize/authoring/validate", data: { yaml: "track: fewshot" } },
    { method: "POST", url: "/api/organize/authoring/publish", data: { yaml: "track: fewshot" } },
    { method: "GET", url: "/api/organize/authoring/preview?spec=x&episode=0" },
    { method: "POST", url: `/api/submissions/${id}/moderation`, data: { state: "hidden", reason: "testing refusal" } },
    { method: "GET", url: `/api/submissions/${id}/moderation` },
    { method: "PUT", url: `/api/submissions/${id}/baseline`, data: { isBaseline: true } },
  ];
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const action of actions) {
    const asAnonymous = await anonymous.fetch(action.url, { method: action.method, data: action.data });
    expect(asAnonymous.status(), `${action.method} ${action.url} anonymous`).toBe(401);
    const asParticipant = await participant.request.fetch(action.url, { method: action.method, data: action.data });
    expect(asParticipant.status(), `${action.method} ${action.url} participant`).toBe(403);
    expect((await asParticipant.json()).error.code).toBe("forbidden");
  }
  await anonymous.dispose();

  // Nothing changed: the entry is still shown to others and is no baseline.
  const entry = await (await participant.request.get(`/api/submissions/${id}`)).json();
  expect(entry.moderation).toBeUndefined();
  expect(entry.isBaseline).toBe(false);

  const visitor = await browser.newPage();
  for (const page of ["/organize", "/organize/glyphs-5way-1shot"]) {
    await participant.goto(page);
    await expect(participant.getByTestId("forbidden")).toBeVisible();
    await visitor.goto(page);
    await expect(visitor).toHaveURL(/\/signin/);
  }
});
