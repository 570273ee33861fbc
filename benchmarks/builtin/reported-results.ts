/**
 * Published results shipped with the standard boards, each copied from the table named in it and checked against that
 * table's text. Only what was checked ships. Keys never change, so a corrected number replaces the stored one at the
 * next seeding.
 */
import {
  shippedReportedResultSchema,
  type ReportedResult,
  type ShippedReportedResult,
} from "@/lib/reported-results/schema";

type Paper = ReportedResult["paper"];

const PROTONET: Paper = {
  title: "Prototypical Networks for Few-shot Learning",
  url: "https://arxiv.org/abs/1703.05175",
  bibtex: `@inproceedings{snell2017prototypical,
  title = {Prototypical Networks for Few-shot Learning},
  author = {Snell, Jake and Swersky, Kevin and Zemel, Richard S.},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2017}
}`,
};

const MAML: Paper = {
  title: "Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks",
  url: "https://arxiv.org/abs/1703.03400",
  bibtex: `@inproceedings{finn2017model,
  title = {Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks},
  author = {Finn, Chelsea and Abbeel, Pieter and Levine, Sergey},
  booktitle = {International Conference on Machine Learning},
  year = {2017}
}`,
};

const METAOPTNET: Paper = {
  title: "Meta-Learning with Differentiable Convex Optimization",
  url: "https://arxiv.org/abs/1904.03758",
  bibtex: `@inproceedings{lee2019meta,
  title = {Meta-Learning with Differentiable Convex Optimization},
  author = {Lee, Kwonjoon and Maji, Subhransu and Ravichandran, Avinash and Soatto, Stefano},
  booktitle = {IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2019}
}`,
};

const PROTONET_TABLE =
  "Table 1 (Few-shot classification accuracies on Omniglot) of arXiv:1703.05175v2, the NeurIPS 2017 text";
const MAML_TABLE = "Table 1 (Omniglot, top) of arXiv:1703.03400v3, the ICML 2017 text";
const METAOPTNET_TABLE =
  "Table 2 (Comparison to prior work on CIFAR-FS and FC100) of arXiv:1904.03758, the CVPR 2019 text";

const OMNIGLOT_DIFFERENCES =
  "This board evaluates its own episodes (15 queries per class, 600 public and 2000 private episodes, the Vinyals " +
  "split with rotations), so these numbers are the paper's, not a score on this board.";
const CIFAR_DIFFERENCES =
  "This board evaluates its own episodes (15 queries per class, 600 public and 2000 private episodes, 32×32 inputs " +
  "in [0, 1]), so these numbers are the paper's, not a score on this board.";

/** The four Omniglot boards, in the order the papers' tables list them. */
const OMNIGLOT = [
  "omniglot-5way-1shot",
  "omniglot-5way-5shot",
  "omniglot-20way-1shot",
  "omniglot-20way-5shot",
] as const;

/** One result per Omniglot board from one table row: `row[i]` is the accuracy (percent) ± interval on OMNIGLOT[i]. */
function omniglotRow(input: {
  key: string;
  row: [string, string?][];
  result: Omit<ReportedResult, "numbers">;
}): Record<string, ShippedReportedResult> {
  return Object.fromEntries(
    OMNIGLOT.map((slug, i) => {
      const [value, plusMinus] = input.row[i]!;
      const number = { metric: "accuracy", value, ...(plusMinus ? { plusMinus } : {}), unit: "percent" as const };
      return [slug, { key: input.key, result: { ...input.result, numbers: [number] } }];
    }),
  );
}

const omniglotRows = [
  omniglotRow({
    key: "protonet-snell2017",
    row: [["98.8"], ["99.7"], ["96.0"], ["98.9"]],
    result: {
      method: "Prototypical Networks (Conv-4, Euclidean)",
      paper: PROTONET,
      table: PROTONET_TABLE,
      plusMinusMeans:
        "none reported: accuracy averaged over 1000 randomly generated test episodes, without an interval",
      protocol: [
        "Four convolutional blocks (64 filters 3×3, batch norm, ReLU, 2×2 max-pool), no fine-tuning.",
        "Trained with 60-class episodes and 5 query points per class, the training shot matching the test shot;",
        "1200 characters plus rotations for training (4800 classes), the rest with rotations for testing.",
        OMNIGLOT_DIFFERENCES,
      ].join(" "),
    },
  }),
  omniglotRow({
    key: "matchingnets-vinyals2016",
    row: [["98.1"], ["98.9"], ["93.8"], ["98.5"]],
    result: {
      method: "Matching Networks (cosine, no fine-tuning)",
      paper: PROTONET,
      table: PROTONET_TABLE,
      reportedFrom:
        "Vinyals et al., Matching Networks for One Shot Learning (NeurIPS 2016, arXiv:1606.04080): Table 1 of the " +
        "Prototypical Networks paper quotes it as 'Matching Networks [29]', cosine distance, no fine-tuning (MAML's " +
        "Table 1 lists the same four numbers). The Matching Networks paper's own table was not checked.",
      plusMinusMeans: "none reported",
      protocol: `As quoted: cosine distance, no fine-tuning (the table's Dist. and Fine Tune columns). ${
        OMNIGLOT_DIFFERENCES
      }`,
    },
  }),
  omniglotRow({
    key: "maml-finn2017",
    row: [
      ["98.7", "0.4"],
      ["99.9", "0.1"],
      ["95.8", "0.3"],
      ["98.9", "0.2"],
    ],
    result: {
      method: "MAML",
      paper: MAML,
      table: MAML_TABLE,
      plusMinusMeans: "95% confidence interval over tasks (the table's caption)",
      protocol: [
        "The convolutional MAML model of the paper. Its caption notes that the Omniglot results may not be strictly",
        "comparable with earlier work, since the train/test splits used in prior work were not available.",
        OMNIGLOT_DIFFERENCES,
      ].join(" "),
    },
  }),
  omniglotRow({
    key: "siamese-koch2015",
    row: [["97.3"], ["98.4"], ["88.2"], ["97.0"]],
    result: {
      method: "Siamese networks",
      paper: MAML,
      table: MAML_TABLE,
      reportedFrom:
        "Koch, Zemel and Salakhutdinov, Siamese Neural Networks for One-shot Image Recognition (ICML Deep Learning " +
        "Workshop 2015): MAML's Table 1 quotes these four numbers as 'Siamese nets (Koch, 2015)'. " +
        "Koch's paper itself was not checked.",
      plusMinusMeans: "none reported",
      protocol: [
        "As quoted in MAML's Table 1, under a split that may differ from the Vinyals split (the caption says so for",
        "all prior work).",
        OMNIGLOT_DIFFERENCES,
      ].join(" "),
    },
  }),
];

type CifarNumber = [value: string, plusMinus: string];

/** One result from MetaOptNet's Table 2 for each CIFAR board the row has a number for. */
function cifarRow(input: {
  key: string;
  method: string;
  boards: Record<string, CifarNumber>;
  reportedFrom?: string;
  backbone: string;
}) {
  return Object.fromEntries(
    Object.entries(input.boards).map(([slug, [value, plusMinus]]) => [
      slug,
      {
        key: input.key,
        result: {
          method: input.method,
          paper: METAOPTNET,
          table: METAOPTNET_TABLE,
          ...(input.reportedFrom ? { reportedFrom: input.reportedFrom } : {}),
          numbers: [{ metric: "accuracy", value, plusMinus, unit: "percent" as const }],
          plusMinusMeans: "95% confidence interval (the table's caption)",
          protocol: `Backbone ${input.backbone} (the table's backbone column). ${CIFAR_DIFFERENCES}`,
        },
      } satisfies ShippedReportedResult,
    ]),
  );
}

const R2D2_PAPER =
  "Bertinetto et al., Meta-learning with differentiable closed-form solvers (ICLR 2019, arXiv:1805.08136)";

const cifarRows = [
  cifarRow({
    key: "protonet-snell2017",
    method: "Prototypical Networks",
    backbone: "64-64-64-64 (a 4-layer convolutional network)",
    boards: {
      "cifar-fs-5way-1shot": ["55.5", "0.7"],
      "cifar-fs-5way-5shot": ["72.0", "0.6"],
      "fc100-5way-1shot": ["35.3", "0.6"],
      "fc100-5way-5shot": ["48.6", "0.6"],
    },
    reportedFrom:
      `The table marks this row as quoted: its CIFAR-FS numbers from ${R2D2_PAPER}, ` +
      "its FC100 numbers from Oreshkin et al., TADAM (NeurIPS 2018).",
  }),
  cifarRow({
    key: "maml-finn2017",
    method: "MAML",
    backbone: "32-32-32-32 (a 4-layer convolutional network)",
    boards: { "cifar-fs-5way-1shot": ["58.9", "1.9"], "cifar-fs-5way-5shot": ["71.5", "1.0"] },
    reportedFrom: `The table marks this row's CIFAR-FS numbers as quoted from ${R2D2_PAPER}; it has none for FC100.`,
  }),
  cifarRow({
    key: "r2d2-bertinetto2019",
    method: "R2-D2",
    backbone: "96-192-384-512 (a 4-layer convolutional network)",
    boards: { "cifar-fs-5way-1shot": ["65.3", "0.2"], "cifar-fs-5way-5shot": ["79.4", "0.1"] },
    reportedFrom: `${R2D2_PAPER}, as MetaOptNet's Table 2 quotes it; the table has no FC100 number for it.`,
  }),
  cifarRow({
    key: "metaoptnet-svm-lee2019",
    method: "MetaOptNet-SVM",
    backbone: "ResNet-12",
    boards: {
      "cifar-fs-5way-1shot": ["72.0", "0.7"],
      "cifar-fs-5way-5shot": ["84.2", "0.5"],
      "fc100-5way-1shot": ["41.1", "0.6"],
      "fc100-5way-5shot": ["55.5", "0.6"],
    },
  }),
];

const METAWORLD: Paper = {
  title: "Meta-World: A Benchmark and Evaluation for Multi-Task and Meta Reinforcement Learning",
  url: "https://arxiv.org/abs/1910.10897",
  bibtex: `@misc{yu2019metaworld,
  title = {Meta-World: A Benchmark and Evaluation for Multi-Task and Meta Reinforcement Learning},
  author = {Yu, Tianhe and Quillen, Deirdre and He, Zhanpeng and Julian, Ryan and Narayan, Avnish and Shively, Hayden
    and Bellathur, Adithya and Hausman, Karol and Finn, Chelsea and Levine, Sergey},
  year = {2019},
  eprint = {1910.10897},
  archivePrefix = {arXiv},
  note = {Version 2, an update on the CoRL 2019 paper}
}`,
};

const METAWORLD_TABLE = "Table 1 (ML10 and ML45, meta-test column) of arXiv:1910.10897v2, the updated manuscript";

/** One result per ML board from Table 1's meta-test columns: the success rate (percent) on its test tasks. */
function metaworldRow(input: { key: string; method: string; ml10: string; ml45: string; note: string }) {
  return Object.fromEntries(
    (
      [
        ["metaworld-ml10", input.ml10],
        ["metaworld-ml45", input.ml45],
      ] as const
    ).map(([slug, value]) => [
      slug,
      {
        key: input.key,
        result: {
          method: input.method,
          paper: METAWORLD,
          table: METAWORLD_TABLE,
          numbers: [{ metric: "meta-test success rate", value, unit: "percent" as const }],
          plusMinusMeans: "none reported: the average over all test tasks of the maximum success rate, on 10 seeds",
          protocol: [
            "The table reports each method's maximum success rate over meta-training (its caption: 'the average",
            "maximum success rate over all tasks'), not the success of one final policy, on an earlier release of",
            `Meta-World. ${input.note} This board scores the agent as submitted on metaworld 3.1's v3 tasks: 40`,
            "goals per test task, 10 adaptation and 3 evaluation episodes each, so these numbers are the paper's,",
            "not a score on this board.",
          ].join(" "),
        },
      } satisfies ShippedReportedResult,
    ]),
  );
}

const metaworldRows = [
  metaworldRow({
    key: "maml-finn2017",
    method: "MAML",
    ml10: "31.6",
    ml45: "39.9",
    note: "Garage's MAML (the text says it is trained with PPO; the figures' legends say MAML-TRPO).",
  }),
  metaworldRow({
    key: "rl2-duan2016",
    method: "RL²",
    ml10: "35.8",
    ml45: "33.3",
    note: "Garage's RL² (a GRU trained with PPO).",
  }),
  metaworldRow({ key: "pearl-rakelly2019", method: "PEARL", ml10: "13", ml45: "22", note: "Garage's PEARL." }),
];

const BBF: Paper = {
  title: "Bigger, Better, Faster: Human-level Atari with human-level efficiency",
  url: "https://arxiv.org/abs/2305.19452",
  bibtex: `@inproceedings{schwarzer2023bigger,
  title = {Bigger, Better, Faster: Human-level {A}tari with human-level efficiency},
  author = {Schwarzer, Max and Obando-Ceron, Johan and Courville, Aaron and Bellemare, Marc G. and Agarwal, Rishabh
    and Castro, Pablo Samuel},
  booktitle = {International Conference on Machine Learning},
  year = {2023}
}`,
};

const SPR: Paper = {
  title: "Data-Efficient Reinforcement Learning with Self-Predictive Representations",
  url: "https://arxiv.org/abs/2007.05929",
  bibtex: `@inproceedings{schwarzer2021data,
  title = {Data-Efficient Reinforcement Learning with Self-Predictive Representations},
  author = {Schwarzer, Max and Anand, Ankesh and Goel, Rishab and Hjelm, R Devon and Courville, Aaron
    and Bachman, Philip},
  booktitle = {International Conference on Learning Representations},
  year = {2021}
}`,
};

const BBF_TABLE =
  "Table A.1 (Scores and aggregate metrics for BBF and competing methods across the 26 Atari 100k games) of " +
  "arXiv:2305.19452v3, the ICML 2023 text";
const SPR_TABLE =
  "Table 1 (Performance of different methods on the 26 Atari games considered by Kaiser et al.) of " +
  "arXiv:2007.05929v4, the ICLR 2021 text";

const ATARI_DIFFERENCES =
  "This board scores its own runs (5 public and 5 private runs per game, each the mean return of 100 evaluation " +
  "games after 100,000 agent steps, sticky actions off, 1–30 no-op starts), so these numbers are the paper's, not a " +
  "score on this board.";

/** Where the 100 runs of DER, DrQ(ε) and SPR in BBF's Table A.1 most likely come from: the table does not say. */
const RLIABLE_RUNS =
  "Table A.1 gives 100 runs per game without naming their source. Agarwal et al., Deep Reinforcement Learning at " +
  "the Edge of the Statistical Precipice (NeurIPS 2021, arXiv:2108.13264v4, Section 3, Appendix A.1), trained and " +
  "released 100 runs per game of DER, DrQ(ε) and SPR; it shows their aggregates in figures only.";

/** One result from the aggregate rows of BBF's Table A.1: human-normalized scores over the 26 games. */
function bbfTableRow(input: {
  key: string;
  method: string;
  seeds: string;
  iqm: string;
  median: string;
  mean: string;
  gap: string;
  reportedFrom?: string;
  note: string;
}): ShippedReportedResult {
  const plain = (metric: string, value: string) => ({ metric, value, unit: "plain" as const });
  return {
    key: input.key,
    result: {
      method: input.method,
      paper: BBF,
      table: BBF_TABLE,
      ...(input.reportedFrom ? { reportedFrom: input.reportedFrom } : {}),
      numbers: [
        plain("IQM HNS", input.iqm),
        plain("median HNS", input.median),
        plain("mean HNS", input.mean),
        plain("optimality gap (γ = 1)", input.gap),
      ],
      plusMinusMeans: "none reported: the table prints point estimates (Figure 2 draws 95% bootstrap CIs for IQM)",
      protocol: [
        "Human-normalized scores over the 26 games, with the random and human scores this board uses (the table's",
        "first two columns). IQM: the mean of the middle 50% of all runs of all games pooled, as rliable computes it",
        "(Section 4); median and mean: over the 26 games of each game's mean over runs; optimality gap: how far scores",
        `fall short of 1.0 (Section 6). ${input.seeds} seeds per game (the caption). The paper's Atari 100K: 100K`,
        `environment steps (400K frames), no sticky actions (Sections 4 and 6). ${input.note} ${ATARI_DIFFERENCES}`,
      ].join(" "),
    },
  };
}

const atariRows: ShippedReportedResult[] = [
  bbfTableRow({
    key: "der-vanhasselt2019",
    method: "DER (Data-Efficient Rainbow)",
    seeds: "100",
    iqm: "0.183",
    median: "0.189",
    mean: "0.350",
    gap: "0.698",
    reportedFrom:
      "van Hasselt, Hessel and Aslanides, When to use parametric models in reinforcement learning? (NeurIPS 2019, " +
      `arXiv:1906.05243), re-run. ${RLIABLE_RUNS}`,
    note: "Agarwal et al. re-implemented DER in Dopamine, with 10-step returns instead of 20 (Appendix A.2).",
  }),
  bbfTableRow({
    key: "drq-eps-agarwal2021",
    method: "DrQ(ε)",
    seeds: "100",
    iqm: "0.280",
    median: "0.313",
    mean: "0.465",
    gap: "0.631",
    reportedFrom:
      "Kostrikov, Yarats and Fergus, Image Augmentation Is All You Need (ICLR 2021, arXiv:2004.13649), as DrQ(ε), " +
      `re-run. ${RLIABLE_RUNS}`,
    note: [
      "DrQ(ε) is DrQ with training ε decayed to 0.01 and evaluation ε 0.001 instead of 0.1 and 0.05 (Agarwal et al.,",
      "Appendix A.2). The table's per-game means, rounded to 0.1, give a median of 0.312; the table prints 0.313.",
    ].join(" "),
  }),
  bbfTableRow({
    key: "spr-schwarzer2021",
    method: "SPR (100 runs per game)",
    seeds: "100",
    iqm: "0.337",
    median: "0.396",
    mean: "0.616",
    gap: "0.577",
    reportedFrom: `Schwarzer et al., SPR (ICLR 2021, arXiv:2007.05929), re-run. ${RLIABLE_RUNS}`,
    note: [
      "Agarwal et al. ran SPR with its authors' code (Appendix A.2). SPR's own paper reports a median of 0.415 and a",
      "mean of 0.704 over 10 seeds (the other SPR entry).",
    ].join(" "),
  }),
  {
    key: "spr-schwarzer2021-paper",
    result: {
      method: "SPR (10 seeds, its own paper)",
      paper: SPR,
      table: SPR_TABLE,
      numbers: [
        { metric: "median HNS", value: "0.415", unit: "plain" },
        { metric: "mean HNS", value: "0.704", unit: "plain" },
      ],
      plusMinusMeans: "none reported: averages over 10 seeds without an interval",
      protocol: [
        "Median and mean over the 26 games of each game's mean over 10 seeds (the caption), each run scored by its",
        "average return over 100 evaluation episodes at the end of training (Section 4.1, Table 3), with the random",
        "and human scores this board uses (Table 4). The paper reports no IQM. The 100-run re-run in the BBF paper's",
        `Table A.1 (the other SPR entry) gives a median of 0.396 and a mean of 0.616. ${ATARI_DIFFERENCES}`,
      ].join(" "),
    },
  },
  bbfTableRow({
    key: "bbf-schwarzer2023",
    method: "BBF",
    seeds: "50",
    iqm: "1.045",
    median: "0.917",
    mean: "2.247",
    gap: "0.344",
    note: "BBF as Section 4 defines it (replay ratio 8); the caption does not restate the replay ratio.",
  }),
];

/** Every shipped result, by the slug of the board it belongs to (checked by the schema when this module loads). */
const SHIPPED: Record<string, ShippedReportedResult[]> = {};
const byBoard: (readonly [string, ShippedReportedResult])[] = [
  ...[...omniglotRows, ...cifarRows, ...metaworldRows].flatMap((bySlug) => Object.entries(bySlug)),
  ...atariRows.map((entry) => ["atari-100k", entry] as const),
];
for (const [slug, entry] of byBoard) (SHIPPED[slug] ??= []).push(shippedReportedResultSchema.parse(entry));

/** The results shipped with the board `slug` (none for any other benchmark). */
export function shippedReportedResults(slug: string): ShippedReportedResult[] {
  return SHIPPED[slug] ?? [];
}

/** The slugs of the boards that ship reported results. */
export const BOARDS_WITH_REPORTED_RESULTS: readonly string[] = Object.keys(SHIPPED);
