// A simulation worker: rebuilds the prepared run it is sent (one compile, no validation, no refit), simulates
// the chunks it is given into the shared store of the current pass, and summarises the columns it is given.
// Chunk c's numbers depend only on c.
import { parentPort } from "node:worker_threads";
import type { CompiledScenario } from "../../engine/compile.ts";
import { fromTransfer } from "../../engine/prepare.ts";
import { CHUNK_SIZE, ChunkSimulator } from "../../engine/kernel.ts";
import { chunkPlan } from "../../engine/run.ts";
import { SampleStore } from "../../samples/store.ts";
import { InputError } from "../../core/issues.ts";
import { summariseValues } from "../../stats/summary.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

const port = parentPort!;
let compiled: CompiledScenario | null = null;
let simulator: ChunkSimulator | null = null;
let store: SampleStore | null = null;
let sizes: number[] = [];
let buffers: { revenue: Float64Array; share: Float64Array } | null = null;
let scratch: Float64Array | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case "init": {
      // The run was prepared by the main thread; structured cloning keeps it plain data.
      compiled = fromTransfer(message.run).compiled;
      simulator = new ChunkSimulator(compiled);
      sizes = chunkPlan(compiled.settings.paths).map((c) => c.paths);
      const cells = simulator.cellCount();
      buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
      post({ type: "ready" });
      return;
    }
    case "pass":
      store = new SampleStore(compiled!, compiled!.settings.paths, { columns: message.columns, buffer: message.buffer });
      scratch = null;
      return;
    case "chunks": {
      let paths = 0;
      for (const chunk of message.chunks) {
        const n = sizes[chunk];
        if (message.send) {
          const cells = simulator!.cellCount();
          const own = { revenue: new Float64Array(cells * n), share: new Float64Array(cells * n) };
          const values = simulator!.runInto(chunk, n, own);
          store?.add(values);
          post({ type: "chunk", chunk, paths: n, revenue: own.revenue, share: own.share }, [own.revenue.buffer, own.share.buffer]);
        } else {
          store!.add(simulator!.runInto(chunk, n, buffers!));
        }
        paths += n;
      }
      post({ type: "chunks-done", paths });
      return;
    }
    case "summarise": {
      const q = compiled!.settings.quantiles;
      scratch ??= new Float64Array(store!.paths);
      const width = 3 + q.length;
      const out = new Float64Array(message.columns.length * width);
      message.columns.forEach((id, j) => {
        const s = summariseValues(store!.column(id), q, scratch!);
        out[j * width] = id;
        out[j * width + 1] = s.mean;
        out[j * width + 2] = s.sd;
        s.quantiles.forEach((v, n) => {
          out[j * width + 3 + n] = v;
        });
      });
      post({ type: "summaries", values: out }, [out.buffer]);
      return;
    }
  }
}

port.on("message", (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    const issues = error instanceof InputError ? [...error.issues] : null;
    post({ type: "error", issues, message: (error as Error).stack ?? String(error) });
  }
});
