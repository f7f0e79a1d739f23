// @vitest-environment jsdom
/**
 * The offer editor as it runs inside the Shopify admin: App Bridge is a `shopify` global there,
 * which offline tests can only stand in for. These tests check what Ladder asks of it (the
 * resource picker's options, the save bar's element and actions), not Shopify's own UI.
 */
import "../support/match-media";
import { createRemixStub } from "@remix-run/testing";
import { Outlet } from "@remix-run/react";
import { AppProvider } from "@shopify/polaris";
import translations from "@shopify/polaris/locales/en.json" with { type: "json" };
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
} from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OfferEditorData } from "../../app/models/offer-editor.server";
import { emptyForm } from "../../app/offers/form";
import NewOfferPage from "../../app/routes/app.offers.new.$kind";

// findBy*/waitFor give up after 1 s by default, which a loaded CI machine can miss: 2 minutes
// only guard against a hang (see vitest.config.ts).
configure({ asyncUtilTimeout: 120_000 });

const V2002 = "gid://shopify/ProductVariant/2002";

const editor: OfferEditorData = {
  isNew: true,
  form: emptyForm("upgrade"),
  names: {},
  problems: [],
  currency: "USD",
  segments: { frequentMinOrders: 3, premiumTags: ["vip"], premiumMinSpent: "1000.00" },
  updatedAt: null,
};

const resourcePicker = vi.fn();
const saveBarCalls: string[] = [];
let submitted: unknown[] = [];

function renderEditor() {
  const Stub = createRemixStub([
    {
      id: "routes/app",
      path: "/app",
      loader: () => ({ embedded: true, shop: "test-shop.myshopify.com", apiKey: "key" }),
      Component: () => (
        <AppProvider i18n={translations}>
          <Outlet />
        </AppProvider>
      ),
      children: [
        {
          path: "offers/new/:kind",
          loader: () => editor,
          action: async ({ request }) => {
            submitted.push(await request.json());
            return {
              ok: false,
              problems: [{ path: "to.variantId", message: "must not be empty" }],
            };
          },
          Component: NewOfferPage,
        },
      ],
    },
  ]);
  return render(<Stub initialEntries={["/app/offers/new/upgrade"]} />);
}

beforeEach(() => {
  submitted = [];
  saveBarCalls.length = 0;
  resourcePicker.mockReset();
  Object.assign(window, { shopify: { resourcePicker } });
  // App Bridge defines <ui-save-bar> with show()/hide(); record what the editor asks of it.
  if (!customElements.get("ui-save-bar")) {
    customElements.define(
      "ui-save-bar",
      class extends HTMLElement {
        show() {
          saveBarCalls.push("show");
        }
        hide() {
          saveBarCalls.push("hide");
        }
      },
    );
  }
  // The picker's ids go back to the app's catalog route, which answers with Shopify's data.
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), "http://localhost");
      expect(url.pathname).toBe("/app/catalog");
      expect(url.searchParams.get("ids")).toBe(V2002);
      return Response.json({
        results: [],
        more: false,
        items: [
          {
            variantId: V2002,
            productId: "gid://shopify/Product/1002",
            title: "Premium wash",
            price: "35.00",
          },
        ],
        names: { [V2002]: "Premium wash" },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("offer editor inside the Shopify admin", () => {
  it("chooses the upgrade with App Bridge's resource picker, titles and prices read back from the app", async () => {
    resourcePicker.mockResolvedValue([{ id: V2002, title: "typed in the picker", price: "1.00" }]);
    renderEditor();
    fireEvent.click(await screen.findByRole("button", { name: "Choose product" }));

    await waitFor(() => expect(resourcePicker).toHaveBeenCalledTimes(1));
    expect(resourcePicker).toHaveBeenCalledWith({
      type: "variant",
      action: "select",
      multiple: false,
      selectionIds: [],
    });
    expect(await screen.findByText("Premium wash")).toBeTruthy();
    expect(screen.getByText("$35.00 · price from Shopify")).toBeTruthy();
  });

  it("a cancelled picker changes nothing", async () => {
    resourcePicker.mockResolvedValue(undefined);
    renderEditor();
    fireEvent.click(await screen.findByRole("button", { name: "Choose product" }));
    await waitFor(() => expect(resourcePicker).toHaveBeenCalled());
    expect(screen.getByText("No product chosen yet.")).toBeTruthy();
  });

  it("shows App Bridge's save bar for unsaved changes, and its Save submits the form", async () => {
    const { container } = renderEditor();
    const title = await screen.findByLabelText("Title");
    const bar = container.ownerDocument.querySelector("ui-save-bar");
    expect(bar?.id).toBe("offer-save-bar");
    expect(saveBarCalls.at(-1)).toBe("hide");

    fireEvent.change(title, { target: { value: "Premium upgrade" } });
    await waitFor(() => expect(saveBarCalls.at(-1)).toBe("show"));
    // No demo bar next to App Bridge's.
    expect(screen.queryByText("Unsaved changes")).toBeNull();

    const [save, discard] = Array.from(bar?.querySelectorAll("button") ?? []);
    expect(save?.getAttribute("variant")).toBe("primary");
    await act(async () => {
      save?.click();
    });
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]).toMatchObject({ offer: { kind: "upgrade", title: "Premium upgrade" } });
    // The refused save keeps what was typed.
    expect(await screen.findByText("Choose a product", { selector: "span, p, div" })).toBeTruthy();
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Premium upgrade");

    await act(async () => {
      discard?.click();
    });
    await waitFor(() => expect(saveBarCalls.at(-1)).toBe("hide"));
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("");
  });
});
