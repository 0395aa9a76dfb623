/** Application configuration: hub properties, bank directory, simulator and staging wiring. */
package org.jincai.server.config;
