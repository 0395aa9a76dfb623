/** Voucher intake: fiscal payment vouchers checked, de-duplicated by their fiscal key and turned into payments. */
package org.jincai.core.voucher;
