export * from "./auth";
export * from "./teams";
export * from "./benchmarks";
export * from "./submissions";
export * from "./moderation";
export * from "./workers";
export * from "./accounts";
export * from "./reported-results";
