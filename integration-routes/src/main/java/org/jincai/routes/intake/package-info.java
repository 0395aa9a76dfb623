/** Voucher intake routes: finance systems' MOF envelopes into the core's intake. */
package org.jincai.routes.intake;
