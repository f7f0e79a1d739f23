/** The admin's sections, in menu order (the Shopify admin sidebar, or the demo's top bar). */
export const NAV_ITEMS = [
  { to: "/app", label: "Home" },
  { to: "/app/offers", label: "Offers" },
  { to: "/app/settings", label: "Settings" },
  { to: "/app/preview", label: "Preview" },
  { to: "/app/analytics", label: "Analytics" },
  { to: "/app/privacy", label: "Privacy" },
] as const;
