/**
 * Downloads a file the app serves. Uses fetch (inside Shopify, App Bridge adds the session token
 * to the app's own fetch requests; a plain link would not carry it), then saves the response
 * under the name its Content-Disposition gives, or `fallbackName`.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path);
  if (!response.ok) {
    const reason = (await response.text()).trim();
    throw new Error(reason || `The download failed (${response.status}). Try again.`);
  }
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The offers and settings as config v1 JSON. */
export const downloadExport = () => downloadFile("/app/export", "ladder-offers.json");
