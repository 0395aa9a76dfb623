/**
 * Several hub nodes on one database, each a JVM of its own: what a second node must never do twice.
 */
package org.jincai.server.cluster;
