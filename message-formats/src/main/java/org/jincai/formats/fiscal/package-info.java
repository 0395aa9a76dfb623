/**
 * The finance payment information exchange standard (财政支付信息交换标准) for payment vouchers 5201 / 8202 /
 * 5214: the GBK MOF envelope with base64 inner vouchers and their signatures, read with problems collected
 * per voucher under stable codes, checked by the standard's rules, and written back byte-for-byte predictably.
 */
package org.jincai.formats.fiscal;
