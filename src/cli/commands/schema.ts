import { DEFAULT_DRAFT, SCHEMA_DRAFTS, scenarioJsonSchemaText, type SchemaDraft } from "../../scenario/jsonSchema.ts";
import { defineCommand } from "../command.ts";
import { option, optionWithDefault } from "../optionTable.ts";
import { choice, text } from "../options.ts";
import { writeAtomic } from "../write.ts";

const DRAFTS = Object.keys(SCHEMA_DRAFTS) as [SchemaDraft, ...SchemaDraft[]];

/**
 * `sharecast schema`: the scenario JSON Schema for editors, the same text the package ships in `schema/`
 * (one file per draft). It checks structure; `validate` also checks domains and cross-field rules.
 */
export const schemaCommand = defineCommand({
  description:
    "Print the JSON Schema of scenario files for editors (as shipped in schema/); it checks their structure, `sharecast validate` checks everything.",
  arguments: [],
  options: {
    draft: optionWithDefault("--draft <draft>", `JSON Schema draft: ${DRAFTS.join(" or ")} (for editors that read no later draft, e.g. yaml-language-server)`, choice(DRAFTS), DEFAULT_DRAFT),
    out: option("--out <file>", "write the schema to this file instead of stdout", text()),
  },
  async action(_, flags) {
    const schema = scenarioJsonSchemaText(flags.draft);
    if (flags.out === undefined) {
      process.stdout.write(schema);
      return;
    }
    await writeAtomic(flags.out, schema);
    process.stderr.write(`sharecast: wrote ${flags.out}\n`);
  },
});
