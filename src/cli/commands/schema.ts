import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from "../../scenario/jsonSchema.ts";
import { defineCommand } from "../command.ts";
import { option } from "../optionTable.ts";
import { text } from "../options.ts";
import { writeAtomic } from "../write.ts";

/**
 * `sharecast schema`: the scenario JSON Schema (draft 2020-12) for editors, the same text the package ships
 * in `schema/scenario.schema.json`. It checks structure; `validate` also checks domains and cross-field rules.
 */
export const schemaCommand = defineCommand({
  description: `Print the JSON Schema of scenario files (draft 2020-12, as shipped in ${SCENARIO_SCHEMA_FILE}) for editors; it checks structure, \`validate\` checks everything.`,
  arguments: [],
  options: {
    out: option("--out <file>", "write the schema to this file instead of stdout", text()),
  },
  async action(_, flags) {
    const schema = scenarioJsonSchemaText();
    if (flags.out === undefined) {
      process.stdout.write(schema);
      return;
    }
    await writeAtomic(flags.out, schema);
    process.stderr.write(`sharecast: wrote ${flags.out}\n`);
  },
});
