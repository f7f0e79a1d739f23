/** Settings defaults of DESIGN §3.1; `premiumMinSpent` is in major units of the currency. */
export const DEFAULT_SETTINGS = {
  maxOffers: 2,
  maxPriceRatio: 1.5,
  cooldownDays: 14,
  holdoutPercent: 10,
  suppressTags: ["open-complaint"],
  budgetTags: ["budget-sensitive"],
  frequentMinOrders: 3,
  premiumTags: ["vip"],
  premiumMinSpentMajor: 1000,
} as const;
