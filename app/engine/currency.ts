/**
 * Minor digits per ISO 4217 currency. Only the exceptions to "two digits" are listed; the table
 * is local (not Intl) because the discount function's runtime has no Intl.
 */
// Space-separated, looked up with one native `includes`: a Set costs the discount function some
// 100 k instructions to build.
const ZERO_DIGITS = " BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF ";
const THREE_DIGITS = " BHD IQD JOD KWD LYD OMR TND ";

export function minorDigits(currency: string): number {
  const code = ` ${currency.toUpperCase()} `;
  if (ZERO_DIGITS.includes(code)) return 0;
  if (THREE_DIGITS.includes(code)) return 3;
  return 2;
}
