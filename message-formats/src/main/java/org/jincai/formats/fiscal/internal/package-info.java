/**
 * Implementation of the fiscal voucher format (the types' field tables, the payment record mapping, GBK XML
 * building, charset sniffing, pull-parsing steps); not API, callers use {@code org.jincai.formats.fiscal}.
 */
package org.jincai.formats.fiscal.internal;
