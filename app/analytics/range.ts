/** Date-range presets of the dashboard (days, ending today in the shop's time zone). */
export const RANGE_PRESETS = [7, 30, 90, 365] as const;
