/** Conversions between the hub's formats: fiscal payment vouchers to the pain.001 a bank executes. */
package org.jincai.formats.convert;
