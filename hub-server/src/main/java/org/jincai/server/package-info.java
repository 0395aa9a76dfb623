/** The hub's Spring Boot application. */
package org.jincai.server;
