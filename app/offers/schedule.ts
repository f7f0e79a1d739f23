/**
 * Where an offer's dates put it at a given instant. The offers list computes this from the
 * server's clock as its loader read it (not each renderer's own), so the server's render and the
 * browser's hydration show the same badge even around an offer's start or end.
 */
export type ScheduleState = "ended" | "scheduled" | "running";

export function scheduleState(
  offer: { startsAt: string | null; endsAt: string | null },
  /** The instant to judge at, ISO 8601 (the loader's `now`). */
  now: string,
): ScheduleState {
  const at = Date.parse(now);
  if (offer.endsAt !== null && Date.parse(offer.endsAt) <= at) return "ended";
  if (offer.startsAt !== null && Date.parse(offer.startsAt) > at) return "scheduled";
  return "running";
}
