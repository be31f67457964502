// Jupyter's rich display protocol as Deno's kernel reads it: an object with a method under
// `Symbol.for("Jupyter.display")` that returns a MIME bundle is shown by that bundle.

/** A Jupyter MIME bundle: representations of one object by MIME type. */
export type MimeBundle = { "text/plain": string } & { [mime: string]: unknown };

/** The symbol under which Deno's Jupyter kernel looks for an object's rich display method. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;
