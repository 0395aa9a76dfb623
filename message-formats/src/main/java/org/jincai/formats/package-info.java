/** The hub's format layer: typed, coded problems shared by every reader and writer; no Spring, no database. */
package org.jincai.formats;
