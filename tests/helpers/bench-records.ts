/**
 * The benchmark's generated records (bench/records.mjs), typed for the tests:
 * mixed offsets, regions, categories, channels and lifecycles, about a fifth
 * on an election weekend, seeded so every run sees the same data.
 */
type MakeRecords = (count: number, seed?: number) => Record<string, unknown>[];

// bench/ is plain JavaScript without declarations: imported as an untyped module and typed here.
const bench = (await import('../../bench/records.mjs' as string)) as { makeRecords: MakeRecords };

export const makeRecords: MakeRecords = bench.makeRecords;
