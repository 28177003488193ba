/**
 * ISO 4217 active currency codes and their minor-unit exponents (digits after the decimal point).
 * Codes without a minor unit in the standard (XAU, XDR, XXX, ...) are left out: they cannot be charged.
 */
const ZERO_DECIMAL = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMAL = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMAL = 'CLF UYW';
const TWO_DECIMAL =
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR ' +
  'LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD ' +
  'PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC ' +
  'SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const table = new Map<string, number>();
for (const [codes, exponent] of [
  [ZERO_DECIMAL, 0],
  [TWO_DECIMAL, 2],
  [THREE_DECIMAL, 3],
  [FOUR_DECIMAL, 4],
] as const) {
  for (const code of codes.split(' ')) table.set(code, exponent);
}

/** Every ISO 4217 code payroute accepts, in alphabetical order. */
export const currencyCodes: readonly string[] = [...table.keys()].sort();

/** The number of minor-unit digits of an ISO 4217 currency (INR 2, JPY 0, KWD 3), or `undefined` when unknown. */
export function currencyExponent(currency: string): number | undefined {
  return table.get(currency);
}
