/**
 * Published results shipped with the standard boards, each copied from the table named in it and checked against that
 * table's text. Only what was checked ships: no Atari 100K numbers yet (the tables of their aggregate scores could not
 * be read to check them). Keys never change, so a corrected number replaces the stored one at the next seeding.
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

/** Every shipped result, by the slug of the board it belongs to (checked by the schema when this module loads). */
const SHIPPED: Record<string, ShippedReportedResult[]> = {};
for (const bySlug of [...omniglotRows, ...cifarRows, ...metaworldRows]) {
  for (const [slug, entry] of Object.entries(bySlug))
    (SHIPPED[slug] ??= []).push(shippedReportedResultSchema.parse(entry));
}

/** The results shipped with the board `slug` (none for any other benchmark). */
export function shippedReportedResults(slug: string): ShippedReportedResult[] {
  return SHIPPED[slug] ?? [];
}

/** The slugs of the boards that ship reported results. */
export const BOARDS_WITH_REPORTED_RESULTS: readonly string[] = Object.keys(SHIPPED);
