// A simulation worker: rebuilds the prepared run it is sent (one compile, no validation, no refit), simulates
// the chunks it is given into the shared store of the current pass, and summarises the columns it is given
// (simulationState.ts, which the main thread also runs for its share). Chunk c's numbers depend only on c.
import { parentPort } from "node:worker_threads";
import { fromTransfer } from "../../engine/prepare.ts";
import { InputError } from "../../core/issues.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { SimulationState } from "../../engine/simulationState.ts";

const port = parentPort!;
let state: SimulationState | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case "init":
      // The run was prepared by the main thread; structured cloning keeps it plain data.
      state = new SimulationState(fromTransfer(message.run).compiled);
      post({ type: "ready" });
      return;
    case "pass":
      state!.pass(message.columns, message.buffer);
      return;
    case "chunks": {
      if (Atomics.compareExchange(message.claims, message.slot, 0, 1) !== 0) {
        post({ type: "chunks-done", id: message.id, paths: 0, skipped: true });
        return;
      }
      const paths = state!.chunks(message.chunks, message.send, (values) => {
        post({ type: "chunk", chunk: values.chunk, paths: values.paths, revenue: values.revenue, share: values.share }, [values.revenue.buffer as ArrayBuffer, values.share.buffer as ArrayBuffer]);
      }, message.round ?? null);
      post({ type: "chunks-done", id: message.id, paths });
      return;
    }
    case "rounds":
      state!.startRounds(message.layout);
      return;
    case "follow":
      state!.follow(message.plan);
      return;
    case "narrow":
      state!.narrow(message.plan, message.missed);
      return;
    case "report":
      // Copied (not transferred), as summaries are below.
      post({ type: "part", round: message.round, part: state!.roundPart(message.round) });
      return;
    case "summarise": {
      if (Atomics.compareExchange(message.claims, message.slot, 0, 1) !== 0) {
        post({ type: "summaries", id: message.id, values: new Float64Array(0), skipped: true });
        return;
      }
      const values = state!.summarise(message.columns);
      // Copied, not transferred: a transfer detaches the buffer, and the first detach in a thread throws away
      // its optimised code (V8 then compiles typed-array access with detach checks): the summaries, just
      // compiled, ran cold again for about 0.3 s. A few hundred numbers copy in microseconds.
      post({ type: "summaries", id: message.id, values });
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
