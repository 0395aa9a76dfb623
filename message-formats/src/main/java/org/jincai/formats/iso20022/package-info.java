/** ISO 20022 payment messages (pain.001, pain.002): version-independent models, writers, readers and XSD validation. */
package org.jincai.formats.iso20022;
