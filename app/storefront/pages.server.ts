/**
 * The demo storefront's pages: a plain, accessible theme (home, product, cart) that renders the
 * theme app extension's own blocks (product offers, cart offers, the Ladder embed) with
 * Shopify-like objects, so a merchant sees what buyers see and what they are charged.
 */
import { DEMO_PRODUCTS, legacyId } from "../demo/catalog";
import { productImageUrl } from "../demo/product-image";
import { pricedCart, type StorefrontVisitor } from "./cart-api.server";
import { cartJson, type CartJson } from "./cart-json.server";
import { CUSTOMER_LABELS, SIMULATED_CUSTOMERS, simulatedCustomer } from "./customers";
import { blockAssetTags, renderBlock, shopifyMoney, type BlockName } from "./liquid.server";
import { STOREFRONT_ROOT_URL, storefrontObjects } from "./objects.server";

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const assetUrl = (name: string) => `${STOREFRONT_ROOT_URL}/assets/${name}`;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b5394}header,main,footer{max-width:64rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;border-bottom:1px solid #ddd}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem;list-style:none;padding:0}
.grid img,.product>img{width:100%;height:auto;aspect-ratio:1;display:block}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem}
@media (max-width:40rem){.product{grid-template-columns:1fr}}
button,select,input{font:inherit;min-height:2.75rem}
.primary{background:#1a1a1a;color:#fff;border:0;border-radius:.375rem;padding:0 1.5rem}
table{width:100%;border-collapse:collapse}td,th{padding:.5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.cart-line img{width:64px;height:64px}.was{text-decoration:line-through;color:#555}
.switch{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.notice{padding:.75rem;background:#fff4d6;border:1px solid #e0c060;border-radius:.375rem}
.error{color:#b00020}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
a.primary{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;text-decoration:none}
.drawer{position:fixed;inset:0;z-index:10;background:rgba(0,0,0,.4)}.drawer[hidden]{display:none}
.drawer__panel{position:absolute;top:0;right:0;height:100%;width:min(24rem,100%);overflow:auto;background:#fff;padding:1rem;display:flex;flex-direction:column;gap:1rem}
.drawer__head{display:flex;justify-content:space-between;align-items:center}.drawer__head h2{margin:0;font-size:1.25rem}
.drawer__head button{min-width:2.75rem;font-size:1.5rem;background:none;border:1px solid #ccc;border-radius:.375rem}
.drawer__lines{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.drawer__lines li{display:grid;grid-template-columns:48px 1fr auto;gap:.75rem;align-items:center}`;

/** The store's icon, inline: a browser asks for one on a store's first page. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%231a1a1a'/%3E%3C/svg%3E";

/**
 * The theme's own script: posts its cart forms with the AJAX Cart API (so Ladder's observer sees
 * them) and, after an add to cart, opens a cart drawer listing the cart's lines. The drawer holds
 * the element Ladder's app embed looks for (`.cart-drawer`, one of its default selectors), so the
 * embed's compact progress bar moves into it and follows the cart like the theme's own lines.
 * The drawer is a modal dialog: while it is open the rest of the page is `inert`, Tab and
 * Shift+Tab wrap around its own controls, and Escape (or a click outside) closes it and gives
 * focus back to what opened it.
 */
const THEME_SCRIPT = `
var drawer=document.querySelector("[data-theme-drawer]"),opener=null;
function money(c){return "$"+(c/100).toFixed(2)}
function esc(t){return String(t).replace(/[&<>"]/g,function(c){return "&#"+c.charCodeAt(0)+";"})}
async function openDrawer(){var c=await(await fetch("${STOREFRONT_ROOT_URL}/cart.js")).json();
drawer.querySelector("[data-drawer-lines]").innerHTML=c.items.map(function(i){return '<li><img src="'+esc(i.image)+'" alt="" width="48" height="48"><span>'+esc(i.title)+'<br><small>'+i.quantity+' × '+money(i.final_price)+'</small></span><span>'+money(i.final_line_price)+'</span></li>'}).join("");
document.querySelectorAll("[data-cart-count]").forEach(function(n){n.textContent=c.item_count});
opener=document.activeElement;inertOutside(true);drawer.hidden=false;drawer.querySelector("[data-drawer-close]").focus()}
function closeDrawer(){drawer.hidden=true;inertOutside(false);if(opener&&opener.focus)opener.focus()}
function inertOutside(on){Array.prototype.forEach.call(document.body.children,function(n){if(n!==drawer&&n.tagName!=="SCRIPT")n.inert=on})}
function controls(){return Array.prototype.filter.call(drawer.querySelectorAll('a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])'),function(n){return n.getClientRects().length>0})}
document.addEventListener("click",function(e){if(drawer&&!drawer.hidden&&(e.target===drawer||e.target.closest("[data-drawer-close]")))closeDrawer()});
document.addEventListener("keydown",function(e){if(!drawer||drawer.hidden)return;if(e.key==="Escape"){closeDrawer();return}
if(e.key!=="Tab")return;var c=controls(),first=c[0],last=c[c.length-1],at=document.activeElement;if(!first)return;
if(!drawer.contains(at)||(e.shiftKey?at===first:at===last)){e.preventDefault();(e.shiftKey?last:first).focus()}});
document.addEventListener("submit",async function(e){var f=e.target;if(!f.matches("[data-cart-form]"))return;
e.preventDefault();var out=f.querySelector("[data-form-error]");
var r=await fetch(f.action+".js",{method:"POST",body:new FormData(f)});
if(r.ok){if(drawer&&f.hasAttribute("data-open-drawer")){if(out)out.textContent="";await openDrawer()}else{location.href=f.dataset.next||location.href}}
else{var d=await r.json().catch(function(){return{}});if(out)out.textContent=d.description||"Something went wrong."}});`;

/** The cart drawer, closed: a dialog the theme's script fills and opens after an add to cart. */
const DRAWER = `<div class="drawer" data-theme-drawer hidden>
<div class="drawer__panel" role="dialog" aria-modal="true" aria-labelledby="drawer-title">
<div class="drawer__head"><h2 id="drawer-title">Added to your cart</h2><button type="button" data-drawer-close aria-label="Close the cart">×</button></div>
<div class="cart-drawer"><ul class="drawer__lines" data-drawer-lines></ul></div>
<a class="primary" href="${STOREFRONT_ROOT_URL}/cart">View cart</a></div></div>`;

interface PageContext {
  visitor: StorefrontVisitor;
  title: string;
  body: string;
  blocks: BlockName[];
  cart: CartJson;
  objects: ReturnType<typeof storefrontObjects>;
  published: boolean;
}

async function layout(page: PageContext): Promise<string> {
  const embed = await renderBlock("ladder-embed", page.objects, { assetUrl });
  const schemas = [embed.schema];
  const switcher = SIMULATED_CUSTOMERS.map(
    (kind) =>
      `<option value="${kind}"${kind === page.visitor.customer ? " selected" : ""}>${esc(CUSTOMER_LABELS[kind])}</option>`,
  ).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="${FAVICON}">
<title>${esc(page.title)} – Ladder Demo Store</title><style>${STYLE}</style>
${blockAssetTags(schemas, assetUrl)}</head><body>
<header><a href="${STOREFRONT_ROOT_URL}"><strong>Ladder Demo Store</strong></a>
<nav aria-label="Store"><ul><li><a href="${STOREFRONT_ROOT_URL}">Shop</a></li>
<li><a href="${STOREFRONT_ROOT_URL}/cart">Cart (<span data-cart-count>${page.cart.item_count}</span>)</a></li>
<li><a href="/app">Admin</a></li></ul></nav>
<form class="switch" method="post" action="${STOREFRONT_ROOT_URL}/customer">
<label for="customer">Shopping as</label><select id="customer" name="customer">${switcher}</select>
<button type="submit">Switch</button></form></header>
<main>${page.published ? "" : `<p class="notice">Nothing is published to this store yet: <a href="/app/offers">publish your offers</a> to see them here.</p>`}${page.body}</main>
<footer><p>Demo storefront: offers and prices as buyers see them.</p></footer>
${DRAWER}${embed.html}<script>${THEME_SCRIPT}</script></body></html>`;
}

async function context(visitor: StorefrontVisitor, product?: (typeof DEMO_PRODUCTS)[number]) {
  const { cart, published, pricing } = await pricedCart(visitor);
  const json = cartJson(cart, pricing, visitor.origin);
  const customer = simulatedCustomer(visitor.customer, published.storefrontConfig);
  const objects = storefrontObjects({
    storefrontConfig: published.storefrontConfig,
    cart: json,
    customer,
    product,
    origin: visitor.origin,
  });
  return { json, objects, published: published.storefrontConfig !== null, pricing };
}

export async function homePage(visitor: StorefrontVisitor): Promise<string> {
  const { json, objects, published } = await context(visitor);
  const items = DEMO_PRODUCTS.map(
    (p) =>
      `<li><a href="${STOREFRONT_ROOT_URL}/products/${p.handle}"><img src="${esc(productImageUrl(p, visitor.origin))}" alt="" width="400" height="400">${esc(p.title)}</a> <span>$${esc(p.variants[0]?.price ?? "")}</span></li>`,
  ).join("");
  const body = `<h1>Shop</h1><ul class="grid">${items}</ul>`;
  return layout({ visitor, title: "Shop", body, blocks: [], cart: json, objects, published });
}

/** null for an unknown handle (the route answers 404). */
export async function productPage(
  visitor: StorefrontVisitor,
  handle: string,
): Promise<string | null> {
  const product = DEMO_PRODUCTS.find((p) => p.handle === handle);
  if (!product) return null;
  const { json, objects, published } = await context(visitor, product);
  const block = await renderBlock("product-offers", objects, { assetUrl });
  const options = product.variants
    .map(
      (v) =>
        `<option value="${legacyId(v.id)}">${esc(v.title === "Default Title" ? product.title : v.title)} – $${esc(v.price)}</option>`,
    )
    .join("");
  const body = `<div class="product"><img src="${esc(productImageUrl(product, visitor.origin))}" alt="${esc(product.title)}" width="400" height="400">
<div><h1>${esc(product.title)}</h1><p>$${esc(product.variants[0]?.price ?? "")}</p><p>${esc(product.description)}</p>
<form data-cart-form data-open-drawer data-next="${STOREFRONT_ROOT_URL}/cart" method="post" action="${STOREFRONT_ROOT_URL}/cart/add">
<label for="variant">Option</label> <select id="variant" name="id">${options}</select>
<label for="quantity">Quantity</label> <input id="quantity" name="quantity" type="number" min="1" value="1" style="width:5rem">
<button class="primary" type="submit">Add to cart</button><p class="error" role="alert" data-form-error></p></form>
${block.html}</div></div>`;
  return layout({
    visitor,
    title: product.title,
    body,
    blocks: [],
    cart: json,
    objects,
    published,
  });
}

export async function cartPage(visitor: StorefrontVisitor): Promise<string> {
  const { json, objects, published, pricing } = await context(visitor);
  const block = await renderBlock("cart-offers", objects, { assetUrl });
  const rows = json.items
    .map((item, i) => {
      const shown = Object.entries(item.properties).filter(([k]) => !k.startsWith("_"));
      const discount = item.line_level_discount_allocations
        .map(
          (a) =>
            `<br><small>${esc(a.discount_application.title)}: −${shopifyMoney(a.amount)}</small>`,
        )
        .join("");
      return `<tr class="cart-line"><td><img src="${esc(item.image)}" alt="" width="64" height="64"></td>
<td><a href="${esc(item.url)}">${esc(item.title)}</a>${shown.map(([k, v]) => `<br><small>${esc(k)}: ${esc(v)}</small>`).join("")}</td>
<td><form data-cart-form method="post" action="${STOREFRONT_ROOT_URL}/cart/change"><input type="hidden" name="line" value="${i + 1}">
<label for="qty-${i}" class="visually-hidden">Quantity of ${esc(item.title)}</label>
<input id="qty-${i}" name="quantity" type="number" min="0" value="${item.quantity}" style="width:4.5rem"> <button type="submit">Update</button></form></td>
<td>${item.total_discount > 0 ? `<span class="was">${shopifyMoney(item.original_line_price)}</span> ` : ""}<span data-line-price>${shopifyMoney(item.final_line_price)}</span>${discount}</td></tr>`;
    })
    .join("");
  const table = json.items.length
    ? `<table><caption class="visually-hidden">Items in your cart</caption><thead><tr><th scope="col"><span class="visually-hidden">Image</span></th><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead><tbody>${rows}</tbody></table>
<dl><dt>Subtotal</dt><dd>${shopifyMoney(json.original_total_price)}</dd>
<dt>Discounts</dt><dd data-cart-discount>−${shopifyMoney(json.total_discount)}</dd>
<dt>Shipping</dt><dd>${pricing.freeShipping ? "Free" : "Calculated at checkout"}</dd>
<dt>Total</dt><dd data-cart-total><strong>${shopifyMoney(json.total_price)}</strong></dd></dl>
<p><small>Checkout group: <span data-cart-group>${esc(json.attributes._ladder_group ?? "not assigned yet")}</span></small></p>`
    : `<p>Your cart is empty. <a href="${STOREFRONT_ROOT_URL}">Continue shopping</a></p>`;
  const body = `<h1>Your cart</h1>${table}${block.html}`;
  return layout({ visitor, title: "Cart", body, blocks: [], cart: json, objects, published });
}

/** Answers a page as an HTML document. */
export function htmlResponse(html: string | null, headers: Headers): Response {
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(html ?? "<!doctype html><title>Not found</title><h1>Not found</h1>", {
    status: html === null ? 404 : 200,
    headers,
  });
}
