/** Camel routes of the hub: route ids, headers and their Spring wiring. */
package org.jincai.routes;
