import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";

/** A merchant-readable message for the login form's errors. */
export function loginErrorMessage(error: LoginError): string | null {
  switch (error.shop) {
    case LoginErrorType.MissingShop:
      return "Enter your shop domain to log in.";
    case LoginErrorType.InvalidShop:
      return "Enter a valid shop domain, like my-shop.myshopify.com.";
    default:
      return null;
  }
}
