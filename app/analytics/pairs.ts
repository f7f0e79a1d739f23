/**
 * Frequently bought together: association rules over order baskets (distinct products per order).
 *
 *   support(A,B)    = orders with both / all orders
 *   confidence(A→B) = orders with both / orders with A
 *   lift(A,B)       = confidence(A→B) / (orders with B / all orders)   (> 1: bought together more
 *                     often than chance)
 *
 * One pass, O(orders × pairs per basket), with integer-keyed counters. Baskets larger than
 * MAX_BASKET products (wholesale orders) are counted for their products but not paired, so one
 * 200-line order cannot flood the pairs with 19,900 combinations.
 */

export const MAX_BASKET = 40;

export interface ProductPairStat {
  productA: string;
  productB: string;
  ordersWithA: number;
  ordersWithB: number;
  ordersWithBoth: number;
  support: number;
  /** P(B | A) */
  confidence: number;
  lift: number;
}

export interface MiningResult {
  orders: number;
  /** Both directions of every pair at or above the minimum support (A→B and B→A). */
  pairs: ProductPairStat[];
}

const KEY_BASE = 2 ** 21; // product indexes stay below 2M, so a·base + b is a safe integer

export class PairMiner {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private singles: number[] = [];
  private readonly both = new Map<number, number>();
  orders = 0;

  private indexOf(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      if (i >= KEY_BASE) throw new Error("Too many distinct products to mine pairs");
      this.index.set(id, i);
      this.ids.push(id);
      this.singles.push(0);
    }
    return i;
  }

  /**
   * A basket: product ids separated by spaces (distinct; order does not matter), seen in `count`
   * orders (the database groups identical baskets, so common ones are counted once).
   */
  add(basket: string, count = 1): void {
    this.orders += count;
    if (basket === "") return;
    const items = basket.split(" ");
    const indexes: number[] = [];
    for (const id of items) {
      const i = this.indexOf(id);
      this.singles[i] = (this.singles[i] ?? 0) + count;
      indexes.push(i);
    }
    if (indexes.length < 2 || indexes.length > MAX_BASKET) return;
    indexes.sort((x, y) => x - y);
    for (let x = 0; x < indexes.length; x++) {
      const a = indexes[x] ?? 0;
      for (let y = x + 1; y < indexes.length; y++) {
        const key = a * KEY_BASE + (indexes[y] ?? 0);
        this.both.set(key, (this.both.get(key) ?? 0) + count);
      }
    }
  }

  result(minSupport: number, minOrdersWithBoth = 2): MiningResult {
    const pairs: ProductPairStat[] = [];
    const n = this.orders;
    if (n === 0) return { orders: 0, pairs };
    const threshold = Math.max(minOrdersWithBoth, Math.ceil(minSupport * n - 1e-9));
    for (const [key, count] of this.both) {
      if (count < threshold) continue;
      const a = Math.floor(key / KEY_BASE);
      const b = key % KEY_BASE;
      const countA = this.singles[a] ?? 0;
      const countB = this.singles[b] ?? 0;
      const idA = this.ids[a] ?? "";
      const idB = this.ids[b] ?? "";
      const support = count / n;
      const lift = (count * n) / (countA * countB);
      pairs.push(
        {
          productA: idA,
          productB: idB,
          ordersWithA: countA,
          ordersWithB: countB,
          ordersWithBoth: count,
          support,
          confidence: count / countA,
          lift,
        },
        {
          productA: idB,
          productB: idA,
          ordersWithA: countB,
          ordersWithB: countA,
          ordersWithBoth: count,
          support,
          confidence: count / countB,
          lift,
        },
      );
    }
    pairs.sort(
      (p, q) =>
        q.lift - p.lift ||
        q.support - p.support ||
        q.confidence - p.confidence ||
        p.productA.localeCompare(q.productA),
    );
    return { orders: n, pairs };
  }
}

export function minePairs(baskets: Iterable<string>, minSupport: number): MiningResult {
  const miner = new PairMiner();
  for (const basket of baskets) miner.add(basket);
  return miner.result(minSupport);
}
