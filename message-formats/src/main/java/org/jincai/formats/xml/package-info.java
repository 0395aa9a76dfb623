/** Hardened XML parser factories: no DTDs, no external entities, no network. */
package org.jincai.formats.xml;
