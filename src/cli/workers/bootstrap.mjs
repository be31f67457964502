// Worker thread entry: TypeScript loads through tsx in this thread too, whatever started the process.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
