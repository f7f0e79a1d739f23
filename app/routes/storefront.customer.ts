import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isSimulatedCustomerKind } from "../storefront/customers";
import { customerCookie, storefrontVisitor } from "../storefront/visitor.server";

/** POST /storefront/customer: the switch for the simulated buyer; back to where it was used. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { headers } = await storefrontVisitor(request);
  const kind = (await request.formData()).get("customer");
  if (!isSimulatedCustomerKind(kind)) return new Response("Unknown customer", { status: 400 });
  headers.append("Set-Cookie", customerCookie(kind));
  const back = request.headers.get("referer");
  const target = back && new URL(back).pathname.startsWith("/storefront") ? back : "/storefront";
  return redirect(target, { headers });
};
