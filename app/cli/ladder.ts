/** The `ladder` command's entry point (`npm run ladder -- …`); the command is in run.ts. */
import { ladder } from "./run";

// npm runs scripts from the package root; paths given by the caller are relative to theirs.
const result = await ladder(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
