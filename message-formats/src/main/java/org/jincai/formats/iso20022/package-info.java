/**
 * ISO 20022 messages (pain.001, pain.002, camt.053, camt.054): version-independent models, streaming writers
 * and readers with strict and lenient modes, and XSD validation. Every reader opens its document through
 * {@code IsoDocument} on the hub's one namespace-aware StAX parser; elements of another namespace are never
 * read as ISO elements.
 */
package org.jincai.formats.iso20022;
