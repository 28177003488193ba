/** An order a sandbox server created, as it keeps it. */
export interface StoredOrder<TRequest, TOrder> {
  /** The merchant's order id, as sent. */
  readonly orderId: string;
  /** The id the sandbox gave the order (Juspay `id`, Flowwise `order_hash`). */
  readonly providerOrderId: string;
  /** The request body that created (or last updated) the order, as validated. */
  readonly request: TRequest;
  /** The order as the provider describes it in full. */
  readonly order: TOrder;
  readonly createdAt: Date;
}

/** The orders of one sandbox server, for tests to look at. */
export interface SandboxOrders<TRequest, TOrder> {
  /** The order with this merchant order id (matched as the provider matches ids), if created. */
  get(orderId: string): StoredOrder<TRequest, TOrder> | undefined;
  /** Every order, oldest first. */
  list(): readonly StoredOrder<TRequest, TOrder>[];
  readonly size: number;
  /** Forgets every order, so an id can be created again. */
  clear(): void;
}

/** The in-memory store behind `SandboxOrders`, which also knows which paths show which order's checkout page. */
export interface OrderStore<TRequest, TOrder> extends SandboxOrders<TRequest, TOrder> {
  put(order: StoredOrder<TRequest, TOrder>, pagePaths: readonly string[]): void;
  /** The order whose checkout page is at this path. */
  byPagePath(path: string): StoredOrder<TRequest, TOrder> | undefined;
}

export function createOrderStore<TRequest, TOrder>(keyOf: (orderId: string) => string): OrderStore<TRequest, TOrder> {
  const orders = new Map<string, StoredOrder<TRequest, TOrder>>();
  const pages = new Map<string, string>();
  return {
    get: (orderId) => orders.get(keyOf(orderId)),
    list: () => [...orders.values()],
    get size() {
      return orders.size;
    },
    clear: () => {
      orders.clear();
      pages.clear();
    },
    put: (order, pagePaths) => {
      const key = keyOf(order.orderId);
      orders.set(key, order);
      for (const path of pagePaths) pages.set(path, key);
    },
    byPagePath: (path) => {
      const key = pages.get(path);
      return key === undefined ? undefined : orders.get(key);
    },
  };
}
