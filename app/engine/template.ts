/** The placeholders a buyer-facing message may use (DESIGN §3.1). */
export const PLACEHOLDERS = [
  "customer.firstName",
  "item.title",
  "price",
  "savings",
  "remaining",
  "threshold",
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string | null>>;

const KNOWN = /* @__PURE__ */ new Set<string>(PLACEHOLDERS);
/** Stronger punctuation survives when a dropped clause leaves two marks side by side. */
const STRENGTH: Record<string, number> = {
  ".": 3,
  "!": 3,
  "?": 3,
  "…": 3,
  ";": 2,
  ":": 2,
  ",": 1,
  "—": 1,
  "–": 1,
  "-": 1, // only as a spaced dash, " - "
};

type Token =
  | { kind: "text"; parts: (string | { name: Placeholder })[] }
  | { kind: "mark"; text: string }
  | { kind: "group"; open: string; close: string; inner: Token[] };

/** Placeholders used in a template, in order, including unknown ones (for validation). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
}

/**
 * Renders a message template. A placeholder whose value is missing drops its clause (the text
 * between the punctuation marks around it; a bracketed aside goes whole), the marks left side by
 * side collapse to the stronger one, and the result never starts with punctuation. Returns null
 * when nothing is left, so the caller falls back to its default text.
 */
export function renderTemplate(template: string, values: TemplateValues): string | null {
  const tokens = tokenize(template, 0, "").tokens;
  const text = render(tokens, values)
    .replace(/\s+/g, " ")
    .replace(/^(?:[\s,;:.!?…—–)\]]|-(?=\s))+/, "")
    .trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : null;
}

function isMark(template: string, i: number): boolean {
  const ch = template[i] ?? "";
  if (!(ch in STRENGTH)) return false;
  // A hyphen joins words ("add-on") unless it stands alone as a dash.
  if (ch === "-") return /\s/.test(template[i - 1] ?? "") && /\s/.test(template[i + 1] ?? "");
  // "10.5" and "1,000" are numbers, not clause boundaries.
  if (
    (ch === "." || ch === ",") &&
    /\d/.test(template[i - 1] ?? "") &&
    /\d/.test(template[i + 1] ?? "")
  ) {
    return false;
  }
  return true;
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]" };

function tokenize(
  template: string,
  start: number,
  closer: string,
): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let text: (string | { name: Placeholder })[] = [];
  const flush = () => {
    if (text.length) tokens.push({ kind: "text", parts: text });
    text = [];
  };
  let i = start;
  while (i < template.length) {
    const ch = template[i] ?? "";
    if (ch === closer) {
      flush();
      return { tokens, end: i + 1 };
    }
    if (ch === "{") {
      const close = template.indexOf("}", i);
      const name = close > i ? template.slice(i + 1, close) : "";
      if (KNOWN.has(name)) {
        text.push({ name: name as Placeholder });
        i = close + 1;
        continue;
      }
    }
    const groupClose = CLOSERS[ch];
    if (groupClose && template.indexOf(groupClose, i) > i) {
      flush();
      const inner = tokenize(template, i + 1, groupClose);
      tokens.push({ kind: "group", open: ch, close: groupClose, inner: inner.tokens });
      i = inner.end;
      continue;
    }
    if (isMark(template, i)) {
      flush();
      let j = i;
      while (j < template.length && isMark(template, j)) j += 1;
      tokens.push({ kind: "mark", text: template.slice(i, j) });
      i = j;
      continue;
    }
    text.push(ch);
    i += 1;
  }
  flush();
  return { tokens, end: i };
}

function missing(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === "";
}

function hasMissing(token: Token, values: TemplateValues): boolean {
  if (token.kind === "text") {
    return token.parts.some((part) => typeof part !== "string" && missing(values[part.name]));
  }
  if (token.kind === "group") return token.inner.some((inner) => hasMissing(inner, values));
  return false;
}

function strength(mark: string): number {
  return Math.max(...[...mark].map((ch) => STRENGTH[ch] ?? 0));
}

function render(tokens: Token[], values: TemplateValues): string {
  const out: { kind: "text" | "mark"; text: string; capitalize?: boolean }[] = [];
  let dropped = false;
  let capitalizeNext = false;
  const lastSolid = () => {
    for (let k = out.length - 1; k >= 0; k -= 1) {
      const piece = out[k];
      if (piece && (piece.kind === "mark" || piece.text.trim() !== "")) return k;
    }
    return -1;
  };
  for (const token of tokens) {
    if (hasMissing(token, values)) {
      dropped = true;
      capitalizeNext = true;
      const last = out[out.length - 1];
      if (last?.kind === "text") last.text = last.text.trimEnd();
      continue;
    }
    if (token.kind === "mark") {
      const k = lastSolid();
      const previous = k >= 0 ? out[k] : undefined;
      if (dropped && k < 0) continue; // nothing before it any more: a headline never starts with a mark
      if (dropped && previous?.kind === "mark") {
        if (strength(token.text) > strength(previous.text)) previous.text = token.text;
        dropped = false;
        out.length = k + 1;
        continue;
      }
      out.push({ kind: "mark", text: token.text });
      dropped = false;
      continue;
    }
    const text =
      token.kind === "group"
        ? `${token.open}${render(token.inner, values)}${token.close}`
        : token.parts
            .map((part) => (typeof part === "string" ? part : (values[part.name] ?? "")))
            .join("");
    const k = lastSolid();
    const previous = k >= 0 ? out[k] : undefined;
    const startsSentence = k < 0 || (previous?.kind === "mark" && strength(previous.text) === 3);
    out.push({ kind: "text", text, capitalize: capitalizeNext && startsSentence });
    dropped = false;
    capitalizeNext = false;
  }
  // A clause dropped at the end leaves a dangling comma or colon; a full stop may stay.
  const k = lastSolid();
  const tail = k >= 0 ? out[k] : undefined;
  if (dropped && tail?.kind === "mark" && strength(tail.text) < 3) out.length = k;
  return out.map((piece) => (piece.capitalize ? capitalizeFirst(piece.text) : piece.text)).join("");
}

function capitalizeFirst(text: string): string {
  return text.replace(/\p{L}/u, (letter) => letter.toUpperCase());
}
