/**
 * `ladder`: the offer engine on the command line (DESIGN §3.4), for agencies' CI. This module is
 * the command itself, free of process globals so tests run it in-process; ladder.ts is the entry.
 *
 *   ladder validate --config CONFIG.json
 *   ladder evaluate --config CONFIG.json --checkout CHECKOUT.json
 *   ladder compile  --config CONFIG.json [--active-only] [--function]
 *   ladder function-input --config CONFIG.json --checkout CHECKOUT.json --target lines|delivery
 *
 * Exit codes: 0 success, 2 invalid input or usage (one readable line per problem on stderr,
 * each naming its JSON path), 1 an unexpected failure (one line, no stack trace).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  validateCheckout,
  validateConfig,
  formatProblem,
  type Problem,
  type Validated,
} from "../config";
import {
  compile,
  evaluate,
  load,
  minorDigits,
  type CheckoutInput,
  type OfferConfig,
} from "../engine";
import type { FunctionTarget } from "../shopify/function-input";

const USAGE = `Usage:
  ladder validate --config CONFIG.json
  ladder evaluate --config CONFIG.json --checkout CHECKOUT.json
  ladder compile  --config CONFIG.json [--active-only] [--function]
  ladder function-input --config CONFIG.json --checkout CHECKOUT.json --target lines|delivery`;

/** Invalid input: reported as problem lines, exit 2. */
class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

/** What one run needs from its surroundings. */
interface Context {
  /** The caller's directory: paths on the command line are relative to it. */
  cwd: string;
  warn: (line: string) => void;
}

async function readJson(file: string, label: string, cwd: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (code ?? "unreadable");
    throw new InputError([{ path: label, message: `cannot read ${JSON.stringify(file)}: ${why}` }]);
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError([{ path: label, message: `${file} is not valid JSON: ${detail}` }]);
  }
}

async function loadConfig(file: string | undefined, cwd: string): Promise<OfferConfig> {
  const validated = await readConfig(file, cwd);
  if (!validated.ok) throw new InputError(validated.problems);
  return validated.value;
}

async function readConfig(file: string | undefined, cwd: string): Promise<Validated<OfferConfig>> {
  if (!file) return { ok: false, problems: [{ path: "--config", message: "is required" }] };
  try {
    return validateConfig(await readJson(file, "config", cwd));
  } catch (error) {
    if (error instanceof InputError) return { ok: false, problems: error.problems };
    throw error;
  }
}

/** The config's minor digits, or 2 when it has no readable currency (to check the checkout). */
function digitsOf(
  config: Validated<OfferConfig>,
  file: string | undefined,
  cwd: string,
): Promise<number> {
  if (config.ok) return Promise.resolve(minorDigits(config.value.currency));
  if (!file) return Promise.resolve(2);
  return readJson(file, "config", cwd).then(
    (raw) => {
      const currency =
        typeof raw === "object" && raw !== null && "currency" in raw ? raw.currency : null;
      return typeof currency === "string" && /^[A-Z]{3}$/.test(currency)
        ? minorDigits(currency)
        : 2;
    },
    () => 2,
  );
}

/**
 * The config and checkout files, validated; every problem of both (and `extra` usage problems)
 * is reported together, so one run lists them all.
 */
async function readPair(
  configFile: string | undefined,
  checkoutFile: string | undefined,
  { cwd, warn }: Context,
  extra: Problem[] = [],
): Promise<{ config: OfferConfig; checkout: CheckoutInput }> {
  const config = await readConfig(configFile, cwd);
  const checkout = checkoutFile
    ? await readJson(checkoutFile, "checkout", cwd).then(
        async (raw) =>
          validateCheckout(raw, await digitsOf(config, configFile, cwd), new Date().toISOString()),
        (error: unknown) => {
          if (error instanceof InputError)
            return { ok: false as const, problems: error.problems, warnings: [] };
          throw error;
        },
      )
    : {
        ok: false as const,
        problems: [{ path: "--checkout", message: "is required" }],
        warnings: [],
      };
  for (const warning of checkout.warnings) warn(`warning: checkout ${formatProblem(warning)}`);
  const problems = [
    ...(config.ok ? [] : config.problems),
    ...(checkout.ok ? [] : checkout.problems),
    ...extra,
  ];
  if (!config.ok || !checkout.ok || problems.length > 0) throw new InputError(problems);
  return { config: config.value, checkout: checkout.value };
}

async function run(argv: string[], ctx: Context): Promise<string> {
  const { cwd } = ctx;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      checkout: { type: "string" },
      "active-only": { type: "boolean" },
      function: { type: "boolean" },
      target: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help) return USAGE;
  if (extra.length > 0)
    throw new InputError([{ path: "arguments", message: `unexpected ${extra.join(" ")}` }]);

  switch (command) {
    case "validate": {
      const config = await loadConfig(values.config, cwd);
      const active = config.offers.filter((o) => o.status === "active").length;
      return `valid: ${config.offers.length} offers (${active} active), currency ${config.currency}`;
    }
    case "compile": {
      const config = await loadConfig(values.config, cwd);
      const activeOnly = values["active-only"] ?? false;
      const published = values.function
        ? compile(config, { activeOnly, form: "function" })
        : compile(config, { activeOnly });
      return JSON.stringify(published);
    }
    case "evaluate": {
      const { config, checkout } = await readPair(values.config, values.checkout, ctx);
      const runtime = load(compile(config));
      if (!runtime) throw new Error("the compiled config did not load");
      // What checkout shows and the discount function applies: beyond what the function can
      // price, line discounts stand aside on every side (DESIGN §3.4: function = evaluate).
      return JSON.stringify(evaluate(runtime, checkout, { checkoutLimits: true }), null, 2);
    }
    case "function-input": {
      const target = values.target;
      const targetProblem: Problem[] =
        target === "lines" || target === "delivery"
          ? []
          : [
              {
                path: "--target",
                message: target === undefined ? "is required" : 'must be "lines" or "delivery"',
              },
            ];
      const { config, checkout } = await readPair(
        values.config,
        values.checkout,
        ctx,
        targetProblem,
      );
      // Loaded only for this command: the other commands start as fast as before.
      const { functionInput } = await import("../shopify/function-input");
      const { DiscountSyncError } = await import("../shopify/function-metafields");
      try {
        // Published as of the checkout's time, triggers resolved from its lines' facts.
        const input = functionInput(target as FunctionTarget, config, checkout);
        return JSON.stringify(input, null, 2);
      } catch (error) {
        if (error instanceof DiscountSyncError) {
          throw new InputError([{ path: "config", message: error.message }]);
        }
        throw error;
      }
    }
    default:
      throw new InputError([
        {
          path: "command",
          message: command ? `unknown command "${command}"\n${USAGE}` : `is required\n${USAGE}`,
        },
      ]);
  }
}

export interface LadderResult {
  /** 0 success, 2 invalid input or usage, 1 unexpected failure. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `ladder` command; `cwd` is the caller's directory. Never throws. */
export async function ladder(argv: string[], cwd: string): Promise<LadderResult> {
  const warnings: string[] = [];
  const stderr = (lines: string[]) => lines.map((line) => `${line}\n`).join("");
  try {
    const output = await run(argv, { cwd, warn: (line) => warnings.push(line) });
    return { code: 0, stdout: `${output}\n`, stderr: stderr(warnings) };
  } catch (error) {
    if (error instanceof InputError) {
      return { code: 2, stdout: "", stderr: stderr([...warnings, error.message]) };
    }
    if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      return {
        code: 2,
        stdout: "",
        stderr: stderr([...warnings, `arguments: ${error.message}`, USAGE]),
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      code: 1,
      stdout: "",
      stderr: stderr([...warnings, `ladder: unexpected error: ${message}`]),
    };
  }
}
