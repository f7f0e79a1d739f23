/**
 * Discount function benchmark: the function bundled as the Shopify CLI bundles it (esbuild, ES
 * module, es2022), run in QuickJS compiled to WebAssembly (quickjs-emscripten, the interpreter
 * family Shopify runs JavaScript functions in), on the 1-, 50- and 200-line carts of a 200-offer
 * config (tests/bench/function-cases.ts). Prints, per target: input and output sizes against
 * Shopify's limits (128 kB, 20 kB), the bundle size, and the time per run next to an empty
 * function reading the same input, so the logic's own share is visible and its growth with the
 * cart. Run with `npm run bench:function`. It reports; it does not fail.
 *
 * Instruction counts (Shopify's 11 M limit) need an instrumented WebAssembly runtime; the README
 * (extensions/offer-discounts) records them.
 */
import path from "node:path";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { build } from "esbuild";
import { newQuickJSWASMModuleFromVariant, type QuickJSContext } from "quickjs-emscripten-core";
import { functionBenchCases } from "./function-cases";

const EXPORTS = {
  lines: "cartLinesDiscountsGenerateRun",
  delivery: "cartDeliveryOptionsDiscountsGenerateRun",
} as const;

const EMPTY_FUNCTION = `
  export function cartLinesDiscountsGenerateRun() { return { operations: [] }; }
  export function cartDeliveryOptionsDiscountsGenerateRun() { return { operations: [] }; }
`;

/** The function's exports as one script that QuickJS can evaluate (globalThis.fn). */
async function bundle(entry: { file: string } | { source: string }): Promise<string> {
  const result = await build({
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.source, loader: "ts" } }),
    bundle: true,
    format: "iife",
    globalName: "fn",
    target: "es2022",
    write: false,
  });
  return result.outputFiles[0]?.text ?? "";
}

/** Milliseconds per run: readInput (JSON.parse) → the export → writeOutput (JSON.stringify). */
function time(vm: QuickJSContext, exportName: string, input: string, runs: number): number {
  const inputHandle = vm.newString(input);
  vm.setProp(vm.global, "__input", inputHandle);
  inputHandle.dispose();
  const call = `JSON.stringify(fn.${exportName}(JSON.parse(__input)))`;
  const once = () => {
    const result = vm.evalCode(call);
    if (result.error) {
      const error = vm.dump(result.error);
      result.error.dispose();
      throw new Error(`function failed: ${JSON.stringify(error)}`);
    }
    const text = vm.getString(result.value);
    result.value.dispose();
    return text;
  };
  for (let i = 0; i < 3; i += 1) once();
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) once();
  return (performance.now() - start) / runs;
}

function output(vm: QuickJSContext, exportName: string): string {
  const result = vm.evalCode(`JSON.stringify(fn.${exportName}(JSON.parse(__input)))`);
  if (result.error) {
    result.error.dispose();
    return "";
  }
  const text = vm.getString(result.value);
  result.value.dispose();
  return text;
}

async function main() {
  const quickjs = await newQuickJSWASMModuleFromVariant(variant);
  const entry = path.resolve(import.meta.dirname, "../../extensions/offer-discounts/src/index.ts");
  const [real, empty] = await Promise.all([
    bundle({ file: entry }),
    bundle({ source: EMPTY_FUNCTION }),
  ]);
  const load = (code: string) => {
    const vm = quickjs.newContext();
    const result = vm.evalCode(code);
    if (result.error) throw new Error(`bundle failed: ${JSON.stringify(vm.dump(result.error))}`);
    result.value.dispose();
    return vm;
  };
  const vmReal = load(real);
  const vmEmpty = load(empty);

  console.log("Ladder discount function benchmark — QuickJS (quickjs-emscripten, WebAssembly)");
  console.log(
    `bundle: ${Buffer.byteLength(real).toLocaleString("en-US")} bytes (esbuild, es2022)\n`,
  );
  console.log("target   | lines | input B | output B | ms/run | empty ms/run | logic ms/run");
  const logic = new Map<string, number>();
  for (const c of functionBenchCases()) {
    for (const target of ["lines", "delivery"] as const) {
      const input = JSON.stringify(target === "lines" ? c.linesInput : c.deliveryInput);
      const runs = c.lines >= 200 ? 20 : 50;
      const full = time(vmReal, EXPORTS[target], input, runs);
      const bare = time(vmEmpty, EXPORTS[target], input, runs);
      const out = output(vmReal, EXPORTS[target]);
      logic.set(`${target}:${c.lines}`, full - bare);
      console.log(
        [
          target.padEnd(8),
          String(c.lines).padStart(5),
          String(Buffer.byteLength(input)).padStart(7),
          String(Buffer.byteLength(out)).padStart(8),
          full.toFixed(2).padStart(6),
          bare.toFixed(2).padStart(12),
          (full - bare).toFixed(2).padStart(12),
        ].join(" | "),
      );
    }
  }
  const growth = (logic.get("lines:200") ?? 0) / (logic.get("lines:50") ?? 1);
  console.log(`\nlogic growth 50 → 200 lines (4× the cart), lines target: ${growth.toFixed(1)}×`);
  console.log("limits: input ≤ 128,000 B, output ≤ 20,000 B (Shopify, carts up to 200 lines)");
  vmReal.dispose();
  vmEmpty.dispose();
}

await main();
