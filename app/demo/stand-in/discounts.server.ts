/**
 * The discounts area of the Admin API stand-in: the app's deployed discount function, and the
 * automatic app discounts created with it (with their metafields, which is where the function's
 * config lives). Validation follows what Shopify checks for the inputs Ladder sends, with
 * userErrors shaped as Shopify shapes them.
 */
import type { StandInArea, StandInContext, StandInExtension } from "./index.server";

type Obj = Record<string, unknown>;
type Args = Record<string, unknown>;

export interface StandInFunction {
  id: string;
  handle: string;
  title: string;
  apiType: string;
}

/** The function `shopify app deploy` registers for extensions/offer-discounts. */
export const LADDER_DISCOUNT_FUNCTION: StandInFunction = {
  id: "01JLADDER0FFERD1SC0UNTS000",
  handle: "offer-discounts",
  title: "Ladder offer discounts",
  apiType: "discount",
};

/** Shopify allows this many active app discounts per shop. */
const ACTIVE_APP_DISCOUNT_LIMIT = 25;
const DISCOUNT_CLASSES = new Set(["PRODUCT", "ORDER", "SHIPPING"]);

interface StoredDiscount {
  id: string;
  functionId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  combinesWith: { productDiscounts: boolean; orderDiscounts: boolean; shippingDiscounts: boolean };
  discountClasses: string[];
  createdAt: string;
  updatedAt: string;
}

export interface DiscountsStandInOptions {
  /** The functions the app has deployed; none models an app whose extensions were never deployed. */
  functions?: StandInFunction[];
}

export function discountsStandIn(options: DiscountsStandInOptions = {}): StandInExtension {
  const functions = options.functions ?? [LADDER_DISCOUNT_FUNCTION];
  return (context: StandInContext): StandInArea => {
    const discounts = new Map<string, StoredDiscount>();
    let nextId = 7001;

    const userError = (field: string[], code: string, message: string) => ({
      field,
      message,
      code,
      extraInfo: null,
    });

    function functionObject(fn: StandInFunction): Obj {
      return {
        __typename: "ShopifyFunction",
        ...fn,
        apiVersion: "2026-10",
        appKey: "ladder",
        description: null,
        inputQuery: null,
        useCreationUi: false,
      };
    }

    function automaticApp(d: StoredDiscount): Obj {
      const now = context.now().getTime();
      const started = Date.parse(d.startsAt) <= now;
      const ended = d.endsAt !== null && Date.parse(d.endsAt) <= now;
      return {
        __typename: "DiscountAutomaticApp",
        discountId: d.id,
        title: d.title,
        status: ended ? "EXPIRED" : started ? "ACTIVE" : "SCHEDULED",
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        combinesWith: d.combinesWith,
        discountClasses: d.discountClasses,
        discountClass: d.discountClasses[0] ?? "PRODUCT",
        appliesOnOneTimePurchase: true,
        appliesOnSubscription: true,
        recurringCycleLimit: 1,
        asyncUsageCount: 0,
        tags: [],
        appDiscountType: {
          __typename: "AppDiscountType",
          functionId: d.functionId,
          title: functions.find((f) => f.id === d.functionId)?.title ?? "",
          appKey: "ladder",
          discountClasses: d.discountClasses,
        },
      };
    }

    function nodeObject(d: StoredDiscount, typename: "DiscountAutomaticNode" | "DiscountNode") {
      const discount = automaticApp(d);
      return {
        __typename: typename,
        id: d.id,
        automaticDiscount: discount,
        discount,
        ...context.metafieldFields(d.id),
      };
    }

    /** Shared checks of create and update; returns the userErrors and the resolved function. */
    function check(input: Args, creating: boolean) {
      const errors: Obj[] = [];
      const field = (name: string) => ["automaticAppDiscount", name];
      const byHandle = typeof input.functionHandle === "string";
      const byId = typeof input.functionId === "string";
      let fn: StandInFunction | undefined;
      if (byHandle && byId) {
        errors.push(
          userError(
            field("functionHandle"),
            "MULTIPLE_FUNCTION_IDENTIFIERS",
            "Only one of function ID or function handle is allowed.",
          ),
        );
      } else if (byHandle || byId) {
        fn = functions.find((f) =>
          byHandle ? f.handle === input.functionHandle : f.id === input.functionId,
        );
        if (!fn) {
          errors.push(
            userError(
              field(byHandle ? "functionHandle" : "functionId"),
              "INVALID",
              "Function not found.",
            ),
          );
        } else if (fn.apiType !== "discount") {
          errors.push(
            userError(field("functionHandle"), "INVALID", "Function is not a discount function."),
          );
        }
      } else if (creating) {
        errors.push(
          userError(
            field("functionHandle"),
            "MISSING_FUNCTION_IDENTIFIER",
            "Function ID or function handle must be provided.",
          ),
        );
      }
      if (creating && (typeof input.title !== "string" || input.title.trim() === "")) {
        errors.push(userError(field("title"), "BLANK", "Title can't be blank"));
      }
      if (Array.isArray(input.discountClasses)) {
        if (input.discountClasses.length === 0) {
          errors.push(
            userError(field("discountClasses"), "BLANK", "Discount classes can't be blank"),
          );
        }
        for (const c of input.discountClasses) {
          if (!DISCOUNT_CLASSES.has(String(c))) {
            errors.push(userError(field("discountClasses"), "INCLUSION", `Invalid class ${c}`));
          }
        }
      }
      if (typeof input.startsAt === "string" && typeof input.endsAt === "string") {
        if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
          errors.push(
            userError(
              field("endsAt"),
              "END_DATE_BEFORE_START_DATE",
              "Ends at needs to be after starts_at",
            ),
          );
        }
      }
      return { errors, fn };
    }

    function writeMetafields(ownerId: string, input: Args): Obj[] {
      const list = Array.isArray(input.metafields) ? (input.metafields as Obj[]) : [];
      if (list.length === 0) return [];
      const result = context.writeMetafields(
        list.map((m) => ({ ...m, ownerId })),
        "metafields",
      );
      const errors = (result.userErrors as Obj[]) ?? [];
      // Discount mutations report metafield problems with DiscountErrorCode values.
      return errors.map((e) =>
        userError(
          ["automaticAppDiscount", ...((e.field as string[]) ?? [])],
          e.code === "BLANK" ? "BLANK" : "INVALID",
          String(e.message),
        ),
      );
    }

    function combines(value: unknown, fallback: StoredDiscount["combinesWith"]) {
      const v = (value ?? {}) as Args;
      return {
        productDiscounts:
          typeof v.productDiscounts === "boolean" ? v.productDiscounts : fallback.productDiscounts,
        orderDiscounts:
          typeof v.orderDiscounts === "boolean" ? v.orderDiscounts : fallback.orderDiscounts,
        shippingDiscounts:
          typeof v.shippingDiscounts === "boolean"
            ? v.shippingDiscounts
            : fallback.shippingDiscounts,
      };
    }

    function create({ automaticAppDiscount }: Args): Obj {
      const input = (automaticAppDiscount ?? {}) as Args;
      const { errors, fn } = check(input, true);
      const active = [...discounts.values()].filter((d) => d.endsAt === null).length;
      if (active >= ACTIVE_APP_DISCOUNT_LIMIT) {
        errors.push(
          userError(
            ["automaticAppDiscount"],
            "MAX_APP_DISCOUNTS",
            `Shop has reached the maximum of ${ACTIVE_APP_DISCOUNT_LIMIT} active app discounts.`,
          ),
        );
      }
      if (errors.length > 0 || !fn) return { automaticAppDiscount: null, userErrors: errors };
      const id = `gid://shopify/DiscountAutomaticNode/${nextId++}`;
      const timestamp = context.now().toISOString();
      const discount: StoredDiscount = {
        id,
        functionId: fn.id,
        title: String(input.title),
        startsAt: typeof input.startsAt === "string" ? input.startsAt : timestamp,
        endsAt: typeof input.endsAt === "string" ? input.endsAt : null,
        combinesWith: combines(input.combinesWith, {
          productDiscounts: false,
          orderDiscounts: false,
          shippingDiscounts: false,
        }),
        discountClasses: Array.isArray(input.discountClasses)
          ? input.discountClasses.map(String)
          : ["PRODUCT"],
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      // The discount and its metafields are saved together or not at all.
      discounts.set(id, discount);
      const metafieldErrors = writeMetafields(id, input);
      if (metafieldErrors.length > 0) {
        discounts.delete(id);
        nextId -= 1;
        return { automaticAppDiscount: null, userErrors: metafieldErrors };
      }
      return { automaticAppDiscount: automaticApp(discount), userErrors: [] };
    }

    function update({ id, automaticAppDiscount }: Args): Obj {
      const input = (automaticAppDiscount ?? {}) as Args;
      const discount = discounts.get(String(id));
      if (!discount) {
        return {
          automaticAppDiscount: null,
          userErrors: [userError(["id"], "INVALID", "Discount does not exist")],
        };
      }
      const { errors, fn } = check(input, false);
      if (errors.length > 0) return { automaticAppDiscount: null, userErrors: errors };
      const metafieldErrors = writeMetafields(discount.id, input);
      if (metafieldErrors.length > 0) {
        return { automaticAppDiscount: null, userErrors: metafieldErrors };
      }
      if (fn) discount.functionId = fn.id;
      if (typeof input.title === "string") discount.title = input.title;
      if (typeof input.startsAt === "string") discount.startsAt = input.startsAt;
      if (input.endsAt !== undefined)
        discount.endsAt = typeof input.endsAt === "string" ? input.endsAt : null;
      if (input.combinesWith)
        discount.combinesWith = combines(input.combinesWith, discount.combinesWith);
      if (Array.isArray(input.discountClasses))
        discount.discountClasses = input.discountClasses.map(String);
      discount.updatedAt = context.now().toISOString();
      return { automaticAppDiscount: automaticApp(discount), userErrors: [] };
    }

    function remove({ id }: Args): Obj {
      const existed = discounts.delete(String(id));
      return existed
        ? { deletedAutomaticDiscountId: String(id), userErrors: [] }
        : {
            deletedAutomaticDiscountId: null,
            userErrors: [userError(["id"], "INVALID", "Discount does not exist")],
          };
    }

    const connection = (items: Obj[], args: Args) => {
      const first = typeof args.first === "number" ? args.first : items.length;
      const nodes = items.slice(0, first);
      return {
        nodes,
        edges: nodes.map((node, i) => ({ node, cursor: String(i) })),
        pageInfo: {
          hasNextPage: items.length > first,
          hasPreviousPage: false,
          startCursor: nodes.length ? "0" : null,
          endCursor: nodes.length ? String(nodes.length - 1) : null,
        },
      };
    };

    return {
      root: {
        shopifyFunctions: (args: Args) =>
          connection(
            functions
              .filter(
                (f) =>
                  args.apiType === undefined || args.apiType === null || f.apiType === args.apiType,
              )
              .map(functionObject),
            args,
          ),
        shopifyFunction: ({ id }: Args) => {
          const fn = functions.find((f) => f.id === id);
          return fn ? functionObject(fn) : null;
        },
        automaticDiscountNode: ({ id }: Args) => {
          const d = discounts.get(String(id));
          return d ? nodeObject(d, "DiscountAutomaticNode") : null;
        },
        discountNode: ({ id }: Args) => {
          const d = discounts.get(String(id).replace("/DiscountNode/", "/DiscountAutomaticNode/"));
          return d ? { ...nodeObject(d, "DiscountNode"), id: String(id) } : null;
        },
        discountAutomaticAppCreate: create,
        discountAutomaticAppUpdate: update,
        discountAutomaticDelete: remove,
      },
      node: (id) => {
        const d = discounts.get(id);
        return d ? nodeObject(d, "DiscountAutomaticNode") : null;
      },
    };
  };
}
