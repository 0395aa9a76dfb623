/** BeanIO plumbing of the pipe layout: the mapping's streams, strict type handlers and field checks; not an API. */
package org.jincai.bank.layout.internal;
