/** Hardened XML parser factories (no DTDs, no external entities, no network) and XSD validation through them. */
package org.jincai.formats.xml;
