/**
 * API security: roles on every endpoint, the configured users (BCrypt hashes, data scope), bearer JWTs from an
 * identity provider, and 401/403 answers as coded JSON.
 */
package org.jincai.server.security;
