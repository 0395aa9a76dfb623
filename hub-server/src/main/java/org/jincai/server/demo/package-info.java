/** The demo: bundled sample vouchers through the whole path against the simulated banks, and its summary. */
package org.jincai.server.demo;
