import { boot } from "./main";

// Loaded deferred, so the document is parsed; boot once even if the theme includes the asset twice.
const flag = "__ladderBooted";
const host = window as unknown as Record<string, unknown>;
if (!host[flag]) {
  host[flag] = true;
  boot(window);
}
