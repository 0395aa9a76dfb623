/**
 * The finance payment information exchange standard (财政支付信息交换标准): the GBK MOF envelope with base64 inner
 * vouchers, their seals and signatures; the voucher types 5201 / 8202 / 5214 / 5212 (payments), 8207, 5106 / 5108,
 * 2301 / 2302 and 2203 / 2252 as data-driven field tables read, checked and written by one generic reader,
 * validator and writer, with every field checked against its limit, what finance systems really send read by
 * mode and profile (carried fields, habits, unlisted types), problems collected per voucher under stable codes;
 * and the hub's own XSDs of the inner vouchers.
 */
package org.jincai.formats.fiscal;
