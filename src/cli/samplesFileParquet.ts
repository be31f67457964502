// Loaded only when `--samples FILE.parquet` is asked for: the Parquet writer costs start-up time every other run would pay.
import type { ByteWriter } from "hyparquet-writer";
import { periodParts } from "../samples/columns.ts";
import type { SampleColumns } from "./samplesColumns.ts";
import { VERSION } from "../core/version.ts";
import type { SamplesSink } from "./samplesSink.ts";
import type { AtomicFile } from "./write.ts";

/** The Parquet schema of a samples file: required columns but `quarter` (null on year rows); strings are UTF-8. */
const SCHEMA = [
  { name: "root", num_children: 9 },
  { name: "path", type: "INT32", repetition_type: "REQUIRED" },
  { name: "period", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "periodKind", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "year", type: "INT32", repetition_type: "REQUIRED" },
  { name: "quarter", type: "INT32", repetition_type: "OPTIONAL" },
  { name: "segment", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "provider", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "revenue", type: "DOUBLE", repetition_type: "REQUIRED" },
  { name: "share", type: "DOUBLE", repetition_type: "REQUIRED" },
] as const;

/**
 * Opens a Parquet file of samples (hyparquet-writer): one row group per chunk, Snappy-compressed pages,
 * dictionary encoding where it pays (the string columns). The writer's buffer is drained into `file` after
 * each row group, so memory stays one chunk.
 */
export async function openParquetSamples(file: AtomicFile): Promise<SamplesSink> {
  // Imported here, not at the top: the command line is one bundle, and a static import would load it on every run.
  const { ByteWriter, ParquetWriter } = await import("hyparquet-writer");
  const bytes = new ByteWriter();
  const drain = () => {
    if (bytes.index > 0) file.write(new Uint8Array(bytes.buffer, 0, bytes.index).slice());
    bytes.index = 0;
  };
  (bytes as ByteWriter & { flush?: () => void }).flush = drain;
  const writer = new ParquetWriter({ writer: bytes, schema: SCHEMA as never, createdBy: `sharecast ${VERSION}` });
  return {
    write(c: SampleColumns) {
      const parts = c.periods.map(periodParts);
      const label = (names: readonly string[], codes: Int32Array) => Array.from(codes, (code) => names[code]);
      const year = Int32Array.from(c.period, (p) => parts[p].year);
      const quarter = Array.from(c.period, (p) => parts[p].quarter);
      const kind = Array.from(c.period, (p) => parts[p].periodKind);
      const result = writer.write({
        rowGroupSize: c.rows,
        columnData: [
          { name: "path", data: c.path },
          { name: "period", data: label(c.periods, c.period) },
          { name: "periodKind", data: kind },
          { name: "year", data: year },
          { name: "quarter", data: quarter },
          { name: "segment", data: label(c.segments, c.segment) },
          { name: "provider", data: label(c.providers, c.provider) },
          { name: "revenue", data: c.revenue },
          { name: "share", data: c.share },
        ],
      });
      if (result instanceof Promise) throw new Error("samplesFileParquet: the writer must flush synchronously");
      drain();
    },
    async commit() {
      await writer.finish();
      drain();
      file.commit();
    },
    abort() {
      file.abort();
    },
  };
}
