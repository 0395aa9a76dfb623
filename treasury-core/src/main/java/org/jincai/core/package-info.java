/** The hub's core: canonical payment model and lifecycle, voucher intake, release to banks, bank answers, persistence. */
package org.jincai.core;
