/** ISO 20022 messages (pain.001, pain.002, camt.053, camt.054): version-independent models, streaming writers and readers with strict and lenient modes, and XSD validation. */
package org.jincai.formats.iso20022;
