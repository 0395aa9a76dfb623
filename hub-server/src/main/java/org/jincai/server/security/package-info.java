/** API security: roles on every endpoint and the configured users. */
package org.jincai.server.security;
