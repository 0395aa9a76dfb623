/** The formats benchmark ({@code ./jincai bench formats}): the hub's pain.001 writer and camt.053 reader against Prowide and a raw template, each case in its own JVM. */
package org.jincai.bench.formats;
