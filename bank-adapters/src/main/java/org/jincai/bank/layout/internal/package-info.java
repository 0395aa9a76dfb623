/**
 * BeanIO plumbing of the text layouts: loading the mappings, strict line decoding, error mapping to
 * coded exceptions, the byte-width view of the fixed-width layout, strict type handlers, field checks
 * and fen arithmetic; not an API.
 */
package org.jincai.bank.layout.internal;
