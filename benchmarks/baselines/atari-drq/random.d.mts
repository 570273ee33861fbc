export type Random = { uniform(): number; int(n: number): number; normal(): number };
export function createRandom(seed: number): Random;
