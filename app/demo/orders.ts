/**
 * Synthetic order history for the demo store, with a known true effect: treatment buyers accept
 * an offer in TAKE_RATE of their orders, and an accepted offer adds a line worth half the basket,
 * so treatment AOV is (1 + TAKE_RATE × 0.5) × holdout AOV = +6%. Deterministic for a seed.
 *
 * Pure data (no Node or Shopify imports): the demo seed records these orders, and the Admin API
 * stand-in serves the last 60 days of them as a bulk export.
 */
import { DEMO_PRODUCTS, legacyId, type DemoProduct } from "./catalog";

export const DEMO_TAKE_RATE = 0.12;
/** Accepted offer line value as a share of the basket it joins. */
export const DEMO_OFFER_SHARE = 0.5;
export const DEMO_TRUE_AOV_LIFT = DEMO_TAKE_RATE * DEMO_OFFER_SHARE;
export const DEMO_HOLDOUT_PERCENT = 10;

/** Offers the demo's orders carry: ids of the demo shop's offers (app/demo/demo-offers.ts). */
export const DEMO_OFFER_IDS = [
  "premium-wash",
  "lens-kit",
  "half-price-case",
  "truffle-sauce",
  "waxing",
];

export interface DemoOrderLine {
  id: number;
  productId: number;
  variantId: number;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** Unit price, minor units. */
  unitPrice: number;
  /** Discount on the line, minor units. */
  discount: number;
  offerId: string | null;
}

export interface DemoOrder {
  id: number;
  name: string;
  createdAt: Date;
  customerId: number | null;
  group: "treatment" | "holdout";
  shown: string[];
  lines: DemoOrderLine[];
  refunds: { id: number; createdAt: Date; lineId: number; amount: number }[];
}

export interface DemoCustomer {
  id: number;
  firstName: string;
  tags: string[];
}

/** mulberry32: a small, fast, seedable PRNG (tests and demo data must repeat exactly). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STORIES: { products: string[]; extras: string[]; offer: { id: string; product: string } }[] =
  [
    {
      products: ["standard-wash"],
      extras: ["waxing", "tire-shine"],
      offer: { id: "premium-wash", product: "premium-wash" },
    },
    { products: ["camera"], extras: ["lens-kit"], offer: { id: "lens-kit", product: "lens-kit" } },
    {
      products: ["phone"],
      extras: ["phone-case"],
      offer: { id: "half-price-case", product: "phone-case" },
    },
    {
      products: ["dark-chocolate", "milk-chocolate"],
      extras: ["pralines"],
      offer: { id: "truffle-sauce", product: "truffle-sauce" },
    },
  ];

function productByHandle(handle: string): DemoProduct | undefined {
  return DEMO_PRODUCTS.find((p) => p.handle === handle);
}

function minor(price: string): number {
  return Math.round(Number(price) * 100);
}

export interface DemoHistoryOptions {
  seed?: number;
  /** Last day of the history (orders up to now). */
  end: Date;
  days?: number;
  ordersPerDay?: number;
  customers?: number;
}

/** The seed the demo store's history is generated with. */
export const DEMO_SEED = 20261122;
/**
 * Enough orders a day that the default 30-day view holds over a hundred holdout orders, and enough
 * customers that each month's new ones include at least MIN_COHORT_CUSTOMERS holdout customers.
 */
export const DEMO_ORDERS_PER_DAY = 30;
export const DEMO_CUSTOMER_COUNT = 6000;
/** Share of a known customer's orders placed by someone who bought before (repeat buyers). */
const RETURNING_SHARE = 0.4;

export function demoCustomers(count = DEMO_CUSTOMER_COUNT): DemoCustomer[] {
  const names = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun"];
  return Array.from({ length: count }, (_, i) => ({
    id: 7_000_000 + i,
    firstName: names[i % names.length] ?? "Ana",
    tags: i % 41 === 0 ? ["VIP"] : i % 97 === 0 ? ["open-complaint"] : [],
  }));
}

/** Customer ids are holdout when their stable bucket says so (like the engine's visitor hash). */
function holdoutCustomer(id: number): boolean {
  return (Math.imul(id, 2654435761) >>> 0) % 100 < DEMO_HOLDOUT_PERCENT;
}

type Story = (typeof STORIES)[number];

/**
 * Each group draws its stories from its own shuffled deck of all four, so both groups buy the
 * same mix of car washes, cameras, phones and chocolate. Drawn independently, a holdout of a
 * hundred orders gets a few phones more or fewer by chance, which moves its average order value
 * by far more than the 6% effect the demo is built to show.
 */
function storyDeck(random: () => number): () => Story {
  let deck: Story[] = [];
  return () => {
    if (deck.length === 0) {
      deck = [...STORIES];
      for (let i = deck.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [deck[i], deck[j]] = [deck[j] as Story, deck[i] as Story];
      }
    }
    return deck.pop() as Story;
  };
}

/**
 * The history, the same for a seed and an end: each day draws from its own stream, numbered back
 * from the last day, so starting the demo on another weekday changes little (a weekend's extra
 * orders, and where the story decks and customer arrivals stand). Customers arrive over the year
 * in id order and some come back, so every month has a cohort of new customers in both groups,
 * and repeat buyers.
 */
export function demoOrderHistory(options: DemoHistoryOptions): DemoOrder[] {
  const seed = options.seed ?? DEMO_SEED;
  const days = options.days ?? 365;
  const perDay = options.ordersPerDay ?? DEMO_ORDERS_PER_DAY;
  const customers = demoCustomers(options.customers ?? DEMO_CUSTOMER_COUNT);
  const orders: DemoOrder[] = [];
  const dayMs = 86_400_000;
  const start = options.end.getTime() - days * dayMs;
  const shuffle = seededRandom(seed ^ 0x5eed);
  const stories = { treatment: storyDeck(shuffle), holdout: storyDeck(shuffle) };
  let arrived = 0;
  let orderId = 5_100_000_000;
  let lineId = 14_000_000_000;
  let refundId = 9_900_000_000;

  for (let day = 0; day < days; day++) {
    const random = seededRandom(seed + Math.imul(days - 1 - day, 0x9e3779b1));
    // Weekends busier, and a slow upward trend: the chart has a shape.
    const date = new Date(start + day * dayMs);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const noise = 0.7 + 0.6 * random();
    const count = Math.round(perDay * (weekend ? 1.3 : 1) * (0.8 + (0.4 * day) / days) * noise);
    // In time order, so a customer's first order is the first one they are given.
    const times = Array.from({ length: count }, () => Math.floor(random() * dayMs)).sort(
      (a, b) => a - b,
    );
    for (const time of times) {
      const createdAt = new Date(start + day * dayMs + time);
      if (createdAt > options.end) continue;
      const guest = random() < 0.3;
      let customer: DemoCustomer | undefined;
      if (!guest) {
        const returning =
          arrived > 0 && (arrived >= customers.length || random() < RETURNING_SHARE);
        customer = returning ? customers[Math.floor(random() * arrived)] : customers[arrived++];
      }
      const holdout = customer
        ? holdoutCustomer(customer.id)
        : random() < DEMO_HOLDOUT_PERCENT / 100;
      const story = stories[holdout ? "holdout" : "treatment"]();
      const lines: DemoOrderLine[] = [];
      const addLine = (
        handle: string,
        quantity: number,
        offerId: string | null,
        value?: number,
      ) => {
        const product = productByHandle(handle);
        const variant = product?.variants[Math.floor(random() * (product?.variants.length ?? 1))];
        if (!product || !variant) return;
        const unitPrice = minor(variant.price);
        let q = quantity;
        let discount = 0;
        if (value !== undefined) {
          q = Math.max(1, Math.ceil(value / unitPrice));
          discount = q * unitPrice - value;
        }
        lines.push({
          id: lineId++,
          productId: Number(legacyId(product.id)),
          variantId: Number(legacyId(variant.id)),
          title: product.title,
          variantTitle: variant.title === "Default Title" ? null : variant.title,
          quantity: q,
          unitPrice,
          discount,
          offerId,
        });
      };
      // Washes and chocolate bars sell in ones and twos; a camera or a phone is bought alone.
      for (const handle of story.products) {
        const dear = minor(productByHandle(handle)?.variants[0]?.price ?? "0") >= 100_00;
        addLine(handle, dear ? 1 : 1 + Math.floor(random() * 2), null);
      }
      for (const handle of story.extras) if (random() < 0.35) addLine(handle, 1, null);
      const base = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice - l.discount, 0);
      const shown: string[] = [];
      if (!holdout) {
        if (random() < 0.85) shown.push(story.offer.id);
        // The waxing cross-sell, shown on car wash carts (the draw happens for every story).
        if (random() < 0.3 && story.offer.id === "premium-wash") shown.push("waxing");
        // The known effect: accepted in TAKE_RATE of treatment orders, worth half the basket.
        if (random() < DEMO_TAKE_RATE) {
          if (!shown.includes(story.offer.id)) shown.push(story.offer.id);
          addLine(story.offer.product, 1, story.offer.id, Math.round(base * DEMO_OFFER_SHARE));
        }
      }
      const order: DemoOrder = {
        id: orderId++,
        name: `#${1000 + orders.length}`,
        createdAt,
        customerId: customer?.id ?? null,
        group: holdout ? "holdout" : "treatment",
        shown,
        lines,
        refunds: [],
      };
      if (random() < 0.03) {
        const line = lines[Math.floor(random() * lines.length)];
        if (line) {
          order.refunds.push({
            id: refundId++,
            createdAt: new Date(Math.min(createdAt.getTime() + 3 * dayMs, options.end.getTime())),
            lineId: line.id,
            amount: line.quantity * line.unitPrice - line.discount,
          });
        }
      }
      orders.push(order);
    }
  }
  return orders;
}
