/**
 * Downloads the offers export. Uses fetch (inside Shopify, App Bridge adds the session token to
 * the app's own fetch requests; a plain link would not carry it), then saves the file.
 */
export async function downloadExport(): Promise<void> {
  const response = await fetch("/app/export", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`The export failed (${response.status}). Try again.`);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "ladder-offers.json";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
