// customers/update goes through the same inbox as orders (verified, stored once, processed after).
export { action } from "./webhooks.orders";
