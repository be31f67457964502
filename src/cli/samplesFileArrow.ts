// Loaded only when `--samples FILE.arrow` is asked for: apache-arrow costs start-up time every other run would pay.
import { Writable } from "node:stream";
import type { Vector } from "apache-arrow";
import { periodParts } from "../samples/columns.ts";
import type { SampleColumns } from "./samplesColumns.ts";
import type { SamplesSink } from "./samplesSink.ts";
import type { AtomicFile } from "./write.ts";

/**
 * Opens an Arrow IPC file (the "Feather v2" file format) of samples: one record batch per chunk; string
 * columns dictionary-encoded (int32 codes), `quarter` null on year rows. The bytes go to `file` as the
 * writer produces them; `commit` waits for the last of them.
 */
export async function openArrowSamples(file: AtomicFile): Promise<SamplesSink> {
  // Imported here, not at the top: the command line is one bundle, and a static import would load it on every run.
  const { Dictionary, Field, Float64, Int32, makeData, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, vectorFromArray } = await import("apache-arrow");
  // A dictionary-encoded string column type with a fixed id (the same dictionary serves every batch).
  const dictionary = (id: number) => new Dictionary(new Utf8(), new Int32(), id);
  const types = { period: dictionary(0), periodKind: dictionary(1), segment: dictionary(2), provider: dictionary(3) };
  const schema = new Schema([
    new Field("path", new Int32(), false),
    new Field("period", types.period, false),
    new Field("periodKind", types.periodKind, false),
    new Field("year", new Int32(), false),
    new Field("quarter", new Int32(), true),
    new Field("segment", types.segment, false),
    new Field("provider", types.provider, false),
    new Field("revenue", new Float64(), false),
    new Field("share", new Float64(), false),
  ]);
  let failure: unknown = null;
  const sink = new Writable({
    write(chunk: Uint8Array, _encoding, done) {
      try {
        file.write(chunk);
        done();
      } catch (error) {
        failure = error;
        done(error as Error);
      }
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on("finish", resolve);
    sink.on("error", reject);
  });
  const writer = new RecordBatchFileWriter();
  writer.reset(sink, schema);
  // Dictionaries are made once, from the first chunk's labels (every chunk of a run has the same ones).
  let dictionaries: { period: Vector; periodKind: Vector; segment: Vector; provider: Vector; kindOf: Int32Array; yearOf: Int32Array; quarterOf: Int32Array } | null = null;
  return {
    write(c: SampleColumns) {
      if (failure) throw failure;
      if (!dictionaries) {
        const parts = c.periods.map(periodParts);
        dictionaries = {
          period: vectorFromArray([...c.periods], new Utf8()),
          periodKind: vectorFromArray(["quarter", "year"], new Utf8()),
          segment: vectorFromArray([...c.segments], new Utf8()),
          provider: vectorFromArray([...c.providers], new Utf8()),
          kindOf: Int32Array.from(parts, (p) => (p.periodKind === "quarter" ? 0 : 1)),
          yearOf: Int32Array.from(parts, (p) => p.year),
          quarterOf: Int32Array.from(parts, (p) => p.quarter ?? 0),
        };
      }
      const d = dictionaries;
      const kind = new Int32Array(c.rows);
      const year = new Int32Array(c.rows);
      const quarter = new Int32Array(c.rows);
      const valid = new Uint8Array((c.rows + 7) >> 3);
      let nulls = 0;
      for (let r = 0; r < c.rows; r++) {
        const p = c.period[r];
        kind[r] = d.kindOf[p];
        year[r] = d.yearOf[p];
        quarter[r] = d.quarterOf[p];
        if (d.kindOf[p] === 0) valid[r >> 3] |= 1 << (r & 7);
        else nulls++;
      }
      const length = c.rows;
      const children = [
        makeData({ type: new Int32(), length, data: c.path }),
        makeData({ type: types.period, length, data: c.period, dictionary: d.period }),
        makeData({ type: types.periodKind, length, data: kind, dictionary: d.periodKind }),
        makeData({ type: new Int32(), length, data: year }),
        makeData({ type: new Int32(), length, data: quarter, nullBitmap: valid, nullCount: nulls }),
        makeData({ type: types.segment, length, data: c.segment, dictionary: d.segment }),
        makeData({ type: types.provider, length, data: c.provider, dictionary: d.provider }),
        makeData({ type: new Float64(), length, data: c.revenue }),
        makeData({ type: new Float64(), length, data: c.share }),
      ];
      writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children })));
    },
    async commit() {
      writer.finish();
      writer.close();
      await finished;
      if (failure) throw failure;
      file.commit();
    },
    abort() {
      writer.abort();
      sink.destroy();
      file.abort();
    },
  };
}
