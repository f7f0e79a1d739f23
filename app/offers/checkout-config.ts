import { compile, type CompileOptions, type OfferConfig, type PublishedConfig } from "../engine";
import { byteLength } from "./bytes";

/**
 * The checkout form publishing writes. Offered items' images are a nicety: when they would take
 * the config over Ladder's budget, it goes out without them rather than slower or refused.
 */
export function compileForCheckout(
  config: OfferConfig,
  options: CompileOptions & { form?: "checkout" },
  budgetBytes: number,
): PublishedConfig {
  const withImages = compile(config, options);
  if (withImages.im === undefined || byteLength(JSON.stringify(withImages)) <= budgetBytes) {
    return withImages;
  }
  return compile(config, { ...options, images: undefined });
}
